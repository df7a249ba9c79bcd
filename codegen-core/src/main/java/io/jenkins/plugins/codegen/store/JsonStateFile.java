package io.jenkins.plugins.codegen.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A small state file of the controller (the budget ledger, the queue of automatic fixes) kept as
 * JSON. Every save writes a temporary file beside it, forces it to disk and moves it over the old
 * one, so that a crash or a full disk leaves either the old state or the new one, never half of
 * each. A file that cannot be read is set aside (renamed, kept for whoever investigates) rather than
 * overwritten, and the caller decides how to start without it.
 *
 * @param <T> the shape stored: a record or a class Jackson can bind
 */
public final class JsonStateFile<T> {
    /** Duplicate keys and trailing text mean the file is not what we wrote: corrupt, not "mostly fine". */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A field written by a newer version of the plugin is not a reason to distrust the file.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** Jackson says where a broken array began as "[Source: REDACTED (...); line: 1, column: 26]". */
    private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: [^;]*; (line: \\d+, column: \\d+)]");

    private final Path file;
    private final Class<T> type;

    public JsonStateFile(Path file, Class<T> type) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.type = Objects.requireNonNull(type, "type");
    }

    public Path path() {
        return file;
    }

    /** What a load found. */
    public sealed interface Loaded<T> {
        /** No file yet: a first start. */
        record Missing<T>() implements Loaded<T> {
        }

        /** The state as last saved. */
        record Read<T>(T value) implements Loaded<T> {
        }

        /**
         * The file exists but is not a state this code wrote (malformed, truncated, unreadable).
         *
         * @param problem what was wrong, for the log and the management page
         * @param setAside where the file was moved, if it could be moved
         */
        record Corrupt<T>(String problem, Optional<Path> setAside) implements Loaded<T> {
        }
    }

    /**
     * Reads the file. A corrupt one is moved to {@code <name>.corrupt-<time>} so that the next save
     * does not destroy the evidence; an empty file counts as corrupt (a state file is never empty).
     *
     * @param now names the set-aside copy
     */
    public Loaded<T> load(Instant now) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            return new Loaded.Missing<>();
        } catch (IOException unreadable) {
            return corrupt("could not be read: " + unreadable, now);
        }
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                return corrupt("holds no state (empty or null)", now);
            }
            return new Loaded.Read<>(value);
        } catch (IOException | RuntimeException malformed) {
            // Jackson's message quotes a bit of the file and where it broke: enough to investigate.
            return corrupt("is not valid: " + problem(malformed), now);
        }
    }

    private Loaded<T> corrupt(String problem, Instant now) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + now.toEpochMilli());
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return new Loaded.Corrupt<>(problem, Optional.of(aside));
        } catch (IOException cannotMove) {
            return new Loaded.Corrupt<>(problem, Optional.empty());
        }
    }

    /** Replaces the file's content with the value, atomically where the file system allows it. */
    public void save(T value) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(channel)) {
                MAPPER.writerWithDefaultPrettyPrinter().writeValue(nonClosing(out), value);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Jackson closes what it writes to; the channel must stay open until it is forced to disk. */
    private static OutputStream nonClosing(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** What broke and where, without Jackson's notes on its own settings. */
    private static String problem(Exception malformed) {
        if (malformed instanceof ValueInstantiationException rejected && rejected.getCause() != null) {
            return firstLine(rejected.getCause().getMessage());
        }
        if (malformed instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            String message = SOURCE_NOTE.matcher(firstLine(json.getOriginalMessage())).replaceAll("$1");
            return message
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return firstLine(malformed.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}

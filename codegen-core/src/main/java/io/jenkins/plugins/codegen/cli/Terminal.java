package io.jenkins.plugins.codegen.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Where a command writes. Results go to stdout, so that they can be piped; progress, warnings and
 * errors go to stderr. Everything passes the token's masker first, although the engine masks
 * already: a token must not leak through a path nobody thought of. Text shown to a person also
 * loses its control characters, so that a pull request title cannot move the cursor or recolour
 * the terminal. Safe to use from several threads (the progress heartbeat writes too).
 */
final class Terminal {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final PrintWriter out;
    private final PrintWriter err;
    private final SecretMasker masker;
    private final long started = System.nanoTime();

    Terminal(PrintWriter out, PrintWriter err, SecretMasker masker) {
        this.out = out;
        this.err = err;
        this.masker = masker;
    }

    /** A line of the result, on stdout. */
    synchronized void print(String text) {
        out.println(visible(text));
        out.flush();
    }

    /** The result as one line of JSON on stdout; Jackson escapes control characters itself. */
    synchronized void json(Map<String, ?> value) {
        try {
            out.println(masker.mask(JSON.writeValueAsString(value)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** A progress line on stderr, prefixed with the time since the command started: {@code [  0.4s] ...}. */
    synchronized void progress(String message) {
        double seconds = (System.nanoTime() - started) / 1e9;
        note(String.format(Locale.ROOT, "[%5.1fs] ", seconds) + message);
    }

    synchronized void note(String text) {
        err.println(visible(text));
        err.flush();
    }

    void warning(String text) {
        note("Warning: " + text);
    }

    /** What went wrong and what to do about it, on stderr. */
    void error(CodegenException e) {
        note("Error: " + e.getMessage() + "\nWhat to do: " + e.getGuidance());
    }

    /** For {@code --debug} only: expected failures never show one. */
    void stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        note(trace.toString().stripTrailing());
    }

    /** Masked, with every control character but line breaks and tabs replaced by '?'. */
    private String visible(String text) {
        String masked = masker.mask(text).replace("\r\n", "\n");
        StringBuilder shown = new StringBuilder(masked.length());
        masked.codePoints().forEach(c -> {
            boolean allowed = c == '\n' || c == '\t' || !Character.isISOControl(c);
            shown.appendCodePoint(allowed ? c : '?');
        });
        return shown.toString().replace("\n", System.lineSeparator());
    }
}

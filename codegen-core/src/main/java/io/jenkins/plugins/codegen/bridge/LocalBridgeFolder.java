package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** A {@link BridgeFolder} on this machine's file system. */
public final class LocalBridgeFolder implements BridgeFolder {
    private final Path path;

    public LocalBridgeFolder(Path path) {
        this.path = path;
    }

    /** The folder itself, for tests that look at its files. */
    public Path directory() {
        return path;
    }

    @Override
    public String path() {
        return path.toString();
    }

    @Override
    public void write(String name, byte[] content) throws IOException {
        writeFile(path.resolve(name), content);
    }

    /**
     * Writes a file whole, replacing it if it exists; a new file is its owner's only (on POSIX, by its
     * creation: a folder's files hold the prompt and the agent's words).
     */
    public static void writeFile(Path file, byte[] content) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        write(file, content, options);
    }

    /**
     * A new folder in {@code parent} that only its owner may enter: created {@code rwx------} on POSIX,
     * and on Windows given an access list that allows its owner alone (and that its files inherit).
     */
    public static Path createOwnerOnlyFolder(Path parent, String prefix) throws IOException {
        if (isPosix()) {
            return Files.createTempDirectory(parent, prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path folder = Files.createTempDirectory(parent, prefix);
        AclFileAttributeView acl = Files.getFileAttributeView(folder, AclFileAttributeView.class);
        if (acl != null) {
            acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(Files.getOwner(folder))
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                    .setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT).build()));
        }
        return folder;
    }

    @Override
    public void writePrivate(String name, byte[] content) throws IOException {
        writeOwnerOnly(path.resolve(name), content);
    }

    /**
     * Creates the file with owner-only permissions as part of its creation (not a chmod after it),
     * so that there is no moment in which group or others could open it. Without POSIX permissions
     * (Windows) the private folder's access list protects it.
     */
    public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        write(file, content, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    private static void write(Path file, byte[] content, Set<StandardOpenOption> options) throws IOException {
        FileAttribute<?>[] attributes = isPosix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public byte[] read(String name, long offset, int maxBytes) throws IOException {
        return readRange(path.resolve(name), offset, maxBytes);
    }

    /** {@link BridgeFolder#read} for one file: shared with the Jenkins agent's side, which runs the same code. */
    public static byte[] readRange(Path file, long offset, int maxBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = offset < 0 ? Math.max(0, size + offset) : offset;
            if (start >= size) {
                return new byte[0];
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes, size - start));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, start + buffer.position()) < 0) {
                    break;
                }
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public boolean exists(String name) {
        return Files.exists(path.resolve(name));
    }

    @Override
    public void delete() throws IOException {
        deleteTree(path);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}

package io.jenkins.plugins.codegen.plugin.agent;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.codegen.bridge.BridgeFolder;
import io.jenkins.plugins.codegen.bridge.LocalBridgeFolder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import jenkins.MasterToSlaveFileCallable;

/**
 * A bridge's folder where the build runs, reached through {@link FilePath}: each operation is one
 * call to the agent that holds the folder, and nothing streams over a pipe. The code that runs on
 * the agent is the engine's own ({@link LocalBridgeFolder}), so the private file is owner-only from
 * its creation there too, and a read from an offset returns only the bytes after it: the way
 * durable-task follows a shell step's log.
 */
final class FilePathBridgeFolder implements BridgeFolder {
    private final FilePath folder;

    FilePathBridgeFolder(FilePath folder) {
        this.folder = folder;
    }

    FilePath filePath() {
        return folder;
    }

    @Override
    public String path() {
        return folder.getRemote();
    }

    @Override
    public void write(String name, byte[] content) throws IOException, InterruptedException {
        folder.child(name).act(new Write(content));
    }

    @Override
    public void writePrivate(String name, byte[] content) throws IOException, InterruptedException {
        folder.child(name).act(new WritePrivate(content));
    }

    @Override
    public byte[] read(String name, long offset, int maxBytes) throws IOException, InterruptedException {
        return folder.child(name).act(new ReadRange(offset, maxBytes));
    }

    @Override
    public boolean exists(String name) throws IOException, InterruptedException {
        return folder.child(name).exists();
    }

    @Override
    public void delete() throws IOException, InterruptedException {
        folder.deleteRecursive();
    }

    @Override
    public String toString() {
        return folder.getRemote();
    }

    /** Writes a file whole on the agent. */
    private static final class Write extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;
        private final byte[] content;

        Write(byte[] content) {
            this.content = content.clone();
        }

        @Override
        public Void invoke(File file, VirtualChannel channel) throws IOException {
            Files.write(file.toPath(), content);
            return null;
        }
    }

    /** Creates an owner-only file on the agent, with its permissions set by the creation itself. */
    private static final class WritePrivate extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;
        private final byte[] content;

        WritePrivate(byte[] content) {
            this.content = content.clone();
        }

        @Override
        public Void invoke(File file, VirtualChannel channel) throws IOException {
            LocalBridgeFolder.writeOwnerOnly(file.toPath(), content);
            return null;
        }
    }

    /** The bytes of a file after an offset (from the end when negative), or null when it does not exist. */
    private static final class ReadRange extends MasterToSlaveFileCallable<byte[]> {
        private static final long serialVersionUID = 1L;
        private final long offset;
        private final int maxBytes;

        ReadRange(long offset, int maxBytes) {
            this.offset = offset;
            this.maxBytes = maxBytes;
        }

        @Override
        public byte[] invoke(File file, VirtualChannel channel) throws IOException {
            return LocalBridgeFolder.readRange(file.toPath(), offset, maxBytes);
        }
    }
}

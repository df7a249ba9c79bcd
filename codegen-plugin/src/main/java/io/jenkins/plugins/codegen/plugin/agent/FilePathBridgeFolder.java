package io.jenkins.plugins.codegen.plugin.agent;

import hudson.FilePath;
import hudson.model.Computer;
import hudson.remoting.Channel;
import hudson.remoting.ChannelClosedException;
import hudson.remoting.RequestAbortedException;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.codegen.bridge.BridgeFolder;
import io.jenkins.plugins.codegen.bridge.LocalBridgeFolder;
import java.io.File;
import java.io.IOException;
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
    /** "agent linux-4", known while the connection is up: once it is lost, the folder cannot tell. */
    private final String machine;

    FilePathBridgeFolder(FilePath folder) {
        this.folder = folder;
        Computer computer = folder.toComputer();
        String name = computer == null ? "" : computer.getName();
        this.machine = computer == null ? "the build agent" : name.isEmpty() ? "the built-in node" : "agent " + name;
    }

    FilePath filePath() {
        return folder;
    }

    /**
     * A new folder in {@code parent} on its agent that only the agent's user may enter (rwx------ on
     * POSIX, an owner-only access list on Windows): {@link FilePath#createTempDir} leaves it open to
     * every local user (0777 less the umask).
     */
    static FilePath ownerOnlyFolder(FilePath parent, String prefix) throws IOException, InterruptedException {
        return new FilePath(parent, parent.act(new CreateOwnerOnly(prefix)));
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

    /** "the connection to agent linux-4 was lost", not remoting's "Channel hudson.remoting.Channel@3574dfbd...". */
    @Override
    public String lossReason(Exception failure) {
        return connectionLost(failure) ? "the connection to " + machine + " was lost"
                : BridgeFolder.super.lossReason(failure);
    }

    private boolean connectionLost(Exception failure) {
        if (folder.getChannel() instanceof Channel channel && channel.isClosingOrClosed()) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ChannelClosedException || cause instanceof RequestAbortedException) {
                return true;
            }
        }
        return false;
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
            LocalBridgeFolder.writeFile(file.toPath(), content);
            return null;
        }
    }

    /** Creates an owner-only folder on the agent; its name (in the parent) comes back. */
    private static final class CreateOwnerOnly extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String prefix;

        CreateOwnerOnly(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String invoke(File parent, VirtualChannel channel) throws IOException {
            return LocalBridgeFolder.createOwnerOnlyFolder(parent.toPath(), prefix).toFile().getName();
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

package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;

/**
 * The folder one bridge works in, wherever it is: on this machine ({@link LocalBridgeLauncher}) or
 * on a build agent, reached through Jenkins' {@code FilePath}. The engine and the bridge talk only
 * through its files ({@link BridgeFiles}), so that nothing depends on the launched process's stdin
 * or stdout: launchers such as Kubernetes' {@code container {}} or {@code docker.image().inside {}}
 * give the process neither. Every operation is one short call, so that a folder on an agent costs
 * one round trip each.
 */
public interface BridgeFolder {

    /** The folder's path as the bridge process sees it. */
    String path();

    /** Writes a file whole, replacing what was there. */
    void write(String name, byte[] content) throws IOException, InterruptedException;

    /**
     * Writes a file that only the owner may read, from the moment it exists (never readable by
     * group or others, not even for an instant). Where the file system has no POSIX permissions
     * (Windows), the folder's access list is what protects it.
     */
    void writePrivate(String name, byte[] content) throws IOException, InterruptedException;

    /**
     * Up to {@code maxBytes} of a file from {@code offset} on; a negative offset counts from the
     * end. Null when the file does not exist; empty when it has nothing past the offset.
     */
    byte[] read(String name, long offset, int maxBytes) throws IOException, InterruptedException;

    boolean exists(String name) throws IOException, InterruptedException;

    /** Removes the folder and everything in it; nothing happens when it is gone already. */
    void delete() throws IOException, InterruptedException;

    /**
     * Why the folder could not be reached, as the user should read it once it is gone for good; by
     * default the failure's type and message. A folder on a build agent says which agent's connection
     * was lost, rather than quoting the connection library's own text.
     */
    default String lossReason(Exception failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}

package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A started bridge or simulator process, wherever it runs. */
public interface BridgeProcess {
    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /** Blocks until the process has ended; its exit code. */
    int waitFor() throws IOException, InterruptedException;

    boolean isAlive() throws IOException, InterruptedException;

    /** Ends the process and anything it started. */
    void kill() throws IOException, InterruptedException;
}

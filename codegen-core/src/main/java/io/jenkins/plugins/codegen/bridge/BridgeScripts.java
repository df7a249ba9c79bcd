package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The Python files shipped in this jar, beside this class. */
public final class BridgeScripts {
    /** The bridge: one command against the Codegen API, JSON lines out. */
    public static final String BRIDGE = "codegen_bridge.py";
    /** The simulated Codegen API, for mock mode, tests and benchmarks. */
    public static final String SIMULATOR = "codegen_simulator.py";

    private static final List<String> ALL = List.of(BRIDGE, SIMULATOR);

    private BridgeScripts() {
    }

    /** The content of one of the scripts. */
    public static byte[] read(String fileName) {
        if (!ALL.contains(fileName)) {
            throw new IllegalArgumentException("not a bundled script: " + fileName);
        }
        try (InputStream in = BridgeScripts.class.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalStateException("the bundled script " + fileName + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled script " + fileName, e);
        }
    }
}

package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Python files shipped in this jar. Each is kept beside this class as a package of modules, one
 * concern each, that share one namespace; what reaches an agent is still one file, those modules joined
 * in the order of the package's {@code modules.txt}. One plain module (not a zip) keeps the bridge's
 * start as fast as before: Python caches its bytecode beside it, which it does not do for a zip.
 */
public final class BridgeScripts {
    /** The bridge: one command against the Codegen API, JSON lines out. */
    public static final String BRIDGE = "codegen_bridge.py";
    /** The simulated Codegen API, for mock mode, tests and benchmarks. */
    public static final String SIMULATOR = "codegen_simulator.py";

    private static final List<String> ALL = List.of(BRIDGE, SIMULATOR);
    private static final String ORDER = "modules.txt";
    private static final Map<String, byte[]> JOINED = new ConcurrentHashMap<>();

    private BridgeScripts() {
    }

    /** The content of one of the scripts: its package's modules, joined once per JVM. */
    public static byte[] read(String fileName) {
        if (!ALL.contains(fileName)) {
            throw new IllegalArgumentException("not a bundled script: " + fileName);
        }
        return JOINED.computeIfAbsent(fileName, BridgeScripts::join).clone();
    }

    private static byte[] join(String fileName) {
        String pkg = fileName.substring(0, fileName.length() - ".py".length());
        StringBuilder joined = new StringBuilder();
        for (String line : resource(pkg, ORDER).split("\n")) {
            String module = line.strip();
            if (module.isEmpty() || module.startsWith("#")) {
                continue;
            }
            if (joined.length() > 0) {
                joined.append("\n\n");
            }
            joined.append(resource(pkg, module));
        }
        return joined.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String pkg, String name) {
        String path = pkg + "/" + name;
        try (InputStream in = BridgeScripts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the bundled script part " + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled script part " + path, e);
        }
    }
}

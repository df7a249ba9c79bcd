package io.jenkins.plugins.codegen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the figures were measured on; printed with them, since they mean little without it. */
record Machine(int cores, String cpu, String os, String jdk, long maxHeapBytes, Interpreter python) {

    static Machine current(Interpreter python) {
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), os, jdk,
                Runtime.getRuntime().maxMemory(), python);
    }

    /** The CPU's name where Linux tells it; empty elsewhere. */
    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    String describe() {
        return cores + " cores" + (cpu.isEmpty() ? "" : " (" + cpu + ")") + ", " + os + ", " + jdk
                + " (max heap " + Units.megabytes(maxHeapBytes) + "), " + python.describe();
    }
}

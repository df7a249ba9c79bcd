package io.jenkins.plugins.codegen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Linux's count of connections dropped because a listening socket's accept queue was full
 * ({@code TcpExt ListenOverflows} in /proc/net/netstat). A dropped connection is retried by the
 * client's kernel after a second, which a load test must not mistake for the engine's slowness.
 * The counter is machine-wide; on an otherwise quiet machine the simulator's socket dominates it.
 */
final class ListenOverflows {
    private static final Path NETSTAT = Path.of("/proc/net/netstat");

    private ListenOverflows() {
    }

    /** The counter now; empty where the system does not report it. */
    static OptionalLong count() {
        try {
            List<String> lines = Files.readAllLines(NETSTAT);
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                    List<String> names = List.of(lines.get(i).split("\\s+"));
                    String[] values = lines.get(i + 1).split("\\s+");
                    int index = names.indexOf("ListenOverflows");
                    return index < 0 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(values[index]));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Overflows since {@code before}, as text; "n/a" where the system does not count them. */
    static String since(OptionalLong before) {
        OptionalLong now = count();
        return before.isPresent() && now.isPresent() ? Long.toString(now.getAsLong() - before.getAsLong()) : "n/a";
    }
}

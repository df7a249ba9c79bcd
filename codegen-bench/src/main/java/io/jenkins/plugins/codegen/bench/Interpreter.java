package io.jenkins.plugins.codegen.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python the suites run, found once. The suites start {@link #executable()} itself, not the
 * name they were given: a name on the PATH may be a wrapper (a pyenv shim is a shell script that
 * runs {@code pyenv exec}), whose start-up would be counted against the bridge and bare Python
 * alike and hide what the engine costs.
 *
 * @param requested the name or path it was asked for, e.g. {@code python3}
 * @param executable the interpreter's own path ({@code sys.executable})
 * @param version e.g. {@code 3.11.7}
 */
record Interpreter(String requested, String executable, String version) {
    private static final String PROBE = "import sys; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])";

    static Interpreter resolve(String requested) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(requested, "-c", PROBE).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("'" + requested + "' did not run: " + output.strip());
        }
        List<String> lines = output.strip().lines().toList();
        if (lines.size() < 2 || lines.get(0).isBlank()) {
            throw new IOException("'" + requested + "' did not say where it lives: " + output.strip());
        }
        return new Interpreter(requested, lines.get(lines.size() - 2).strip(), lines.get(lines.size() - 1).strip());
    }

    /** Whether the name it was asked for is not the interpreter's own path (a shim, a link, a PATH lookup). */
    boolean startedByAnotherName() {
        return !requested.equals(executable);
    }

    String describe() {
        return "Python " + version + " (" + executable + (startedByAnotherName() ? ", found as " + requested : "") + ")";
    }
}

package io.jenkins.plugins.codegen.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;

/** The interpreter and Python folders the tests use; the build passes the interpreter in. */
public final class TestPython {
    private TestPython() {
    }

    /** The Python the build runs with ({@code -Dpython=...}), {@code python3} by default. */
    public static String interpreter() {
        return System.getProperty("codegen.test.python", "python3");
    }

    /** A folder of Python test files, e.g. {@code sdk_double}, relative to the module. */
    public static Path pythonTestFolder(String name) {
        return Paths.get("src", "test", "python", name).toAbsolutePath();
    }

    /**
     * A fake interpreter: a shell script that ignores its arguments and runs {@code body}, to
     * make a bridge crash, hang or print garbage on purpose.
     */
    public static String fakeInterpreter(Path folder, String name, String body) throws IOException {
        Path script = folder.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    /**
     * Alive and not a zombie. A bridge runs detached, so init reaps it when it ends, whenever init
     * gets to it; until then it counts as alive to {@link ProcessHandle#isAlive()}.
     */
    public static boolean running(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return process.isAlive() && !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}

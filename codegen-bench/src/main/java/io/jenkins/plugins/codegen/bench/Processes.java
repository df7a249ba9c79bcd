package io.jenkins.plugins.codegen.bench;

import java.util.Arrays;
import java.util.List;

/** This JVM's child processes, told apart by what they run. */
final class Processes {
    private Processes() {
    }

    /** Every live descendant: children, and whatever they started. */
    static List<ProcessHandle> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** This JVM's temporary folder, where its launchers make the bridges' folders; ./bench/run makes it private. */
    private static final String OWN_FOLDERS = System.getProperty("java.io.tmpdir");

    /**
     * Live bridge processes of this JVM (PythonBridge starts them with {@code import codegen_bridge}
     * in their arguments, and their folder's path). A bridge runs detached from this JVM (in a
     * session of its own), so it is looked for among all processes, not only this JVM's
     * descendants; only those whose folder is under this JVM's temporary folder count, because
     * other builds and tests on a shared machine run bridges too. A bridge counts once per folder.
     */
    static long bridges() {
        // A bridge's start command forks the bridge and exits: while both run they are one bridge, with one folder.
        return ProcessHandle.allProcesses().filter(Processes::isBridge).map(Processes::folder).distinct().count();
    }

    /** The bridge's folder: the argument under this JVM's temporary folder. */
    private static String folder(ProcessHandle process) {
        return process.info().arguments().flatMap(args -> Arrays.stream(args)
                .filter(arg -> arg.startsWith(OWN_FOLDERS)).reduce((first, last) -> last))
                .orElse(Long.toString(process.pid()));
    }

    static boolean isBridge(ProcessHandle process) {
        return process.isAlive() && process.info().arguments()
                .map(args -> Arrays.stream(args).anyMatch(arg -> arg.contains("codegen_bridge"))
                        && Arrays.stream(args).anyMatch(arg -> arg.startsWith(OWN_FOLDERS)))
                .orElse(false);
    }

    /** How a process shows in a report: its pid and command line. */
    static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().orElse("(command unknown)");
    }
}

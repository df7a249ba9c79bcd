package io.jenkins.plugins.codegen.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * The live bridges of this JVM, each by its folder with the pids of its processes. PythonBridge
     * starts a bridge with {@code import codegen_bridge} and its folder's path in the arguments. A
     * bridge runs detached from this JVM (in a session of its own), so it is looked for among all
     * processes, not only this JVM's descendants; only those whose folder is under this JVM's
     * temporary folder count, because other builds and tests on a shared machine run bridges too.
     * A bridge's start command forks the bridge (which keeps its arguments) and exits: while both
     * run they are one bridge, with one folder.
     */
    static Map<String, List<Long>> bridgesByFolder() {
        Map<String, List<Long>> bridges = new HashMap<>();
        // Each process's arguments are read once: the scan covers the whole machine, every sample.
        ProcessHandle.allProcesses().forEach(process -> bridgeFolder(process)
                .ifPresent(folder -> bridges.computeIfAbsent(folder, f -> new ArrayList<>()).add(process.pid())));
        return bridges;
    }

    /** The folder of a bridge process: its last argument under this JVM's temporary folder. */
    private static Optional<String> bridgeFolder(ProcessHandle process) {
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isEmpty() || Arrays.stream(arguments.get()).noneMatch(arg -> arg.contains("codegen_bridge"))) {
            return Optional.empty();
        }
        return Arrays.stream(arguments.get()).filter(arg -> arg.startsWith(OWN_FOLDERS))
                .reduce((first, last) -> last);
    }

    /** How a process shows in a report: its pid and command line. */
    static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().orElse("(command unknown)");
    }
}

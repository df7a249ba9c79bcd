package io.jenkins.plugins.codegen.plugin;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Run;
import hudson.slaves.DumbSlave;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.jvnet.hudson.test.JenkinsRule;

/** What the plugin's tests share: the Python the build runs with, a fast global configuration, an agent. */
public final class CodegenTesting {
    /** Shaped like a Codegen API token, so that a leak of it would be noticed anywhere. */
    public static final String TOKEN = "sk-test-4b1f0c2e-7d3a-SECRET-9a7d3e5f6a7b";
    public static final String AGENT_LABEL = "py";

    private CodegenTesting() {
    }

    /** The interpreter the build passes in ({@code -Dpython=...}), as for codegen-core's tests. */
    public static String python() {
        return System.getProperty("codegen.test.python", "python3");
    }

    /** The test's Python on the agents, and polls every second rather than every five. */
    public static CodegenGlobalConfiguration configure() {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        global.setPythonPath(python());
        global.setPollInterval(1);
        global.setBaseDelay(1);
        return global;
    }

    /** An agent (its own JVM) with the label the tests' Pipelines ask for. */
    public static DumbSlave agent(JenkinsRule r) throws Exception {
        return r.createOnlineSlave(Label.get(AGENT_LABEL));
    }

    /**
     * An agent whose disconnect leaves the bridges it started running, as a real agent's lost
     * connection does. The test harness ends, at a disconnect, every process that carries the agent's
     * {@code HUDSON_COOKIE}; this agent's processes carry a value of their own instead, so that the
     * harness still ends the agent's JVM (and its child processes) but not the detached bridge.
     */
    public static DumbSlave agentWhoseBridgesOutliveItsConnection(JenkinsRule r) throws Exception {
        return r.createOnlineSlave(Label.get(AGENT_LABEL), new EnvVars("HUDSON_COOKIE", "codegen-test-agent"));
    }

    public static String buildXml(Run<?, ?> run) throws Exception {
        return Files.readString(new File(run.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
    }

    /** The folders the bridge launcher left in the workspace's temporary folder. */
    public static List<FilePath> leftoverBridgeFolders(FilePath workspace) throws Exception {
        FilePath temp = WorkspaceList.tempDir(workspace);
        if (temp == null || !temp.exists()) {
            return List.of();
        }
        return temp.listDirectories().stream().filter(d -> d.getName().startsWith("codegen")).toList();
    }

    public static CodegenTaskRecord onlyRecord(Run<?, ?> run) {
        CodegenBuildAction action = run.getAction(CodegenBuildAction.class);
        if (action == null) {
            throw new AssertionError("no Codegen action on " + run);
        }
        List<CodegenTaskRecord> tasks = action.getTasks();
        if (tasks.size() != 1) {
            throw new AssertionError("expected one task on " + run + ", found " + tasks.size());
        }
        return tasks.get(0);
    }
}

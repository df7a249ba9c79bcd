package io.jenkins.plugins.codegen.plugin.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.FilePath;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.TestSimulator;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The folders a task's bridge works in on the build agent hold its prompt, the agent's log and the
 * result: other local users of the agent may not read them. The agent runs on this machine, so the
 * test reads the modes the agent gave them while the bridge runs.
 */
@WithJenkins
class CodegenBridgeFolderTest {
    private JenkinsRule r;
    private TestSimulator simulator;
    private DumbSlave agent;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX modes");
        r = rule;
        simulator = new TestSimulator();
        agent = CodegenTesting.agent(r);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void theBridgesFoldersAreTheOwnersOnlyAndSoAreTheirFiles() throws Exception {
        simulator.configure("success;duration=10;id=modes");
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('py') {\n"
                + "  codegenTask(title: 'Add rate limiting', description: 'A prompt nobody else may read.')\n"
                + "}", true));
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[Codegen] Agent run 1 created", b);

        List<String> seen = new ArrayList<>();
        List<FilePath> folders = CodegenTesting.leftoverBridgeFolders(agent.getWorkspaceFor(job));
        assertFalse(folders.isEmpty(), "the task's folder is there while its bridge runs");
        for (FilePath scripts : folders) {
            Path root = Path.of(scripts.getRemote());
            seen.add(modeOf(root) + " " + root.getFileName());
            for (FilePath bridge : scripts.listDirectories()) {
                if (!bridge.getName().startsWith("bridge")) {
                    continue; // Python's own bytecode cache, inside the owner-only folder
                }
                Path folder = Path.of(bridge.getRemote());
                seen.add(modeOf(folder) + " " + folder.getFileName());
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        seen.add(modeOf(file) + " " + folder.getFileName() + "/" + file.getFileName());
                    }
                }
            }
        }

        assertEquals(List.of(), seen.stream().filter(line -> !line.startsWith("rwx------ ")
                && !line.startsWith("rw------- ")).toList(), "every folder rwx------, every file rw-------: " + seen);
        assertTrue(seen.stream().anyMatch(line -> line.endsWith("/request.json")), "the prompt is there: " + seen);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
    }

    private static String modeOf(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}

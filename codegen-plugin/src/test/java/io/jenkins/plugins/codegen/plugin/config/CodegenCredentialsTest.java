package io.jenkins.plugins.codegen.plugin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsParameterDefinition;
import com.cloudbees.plugins.credentials.CredentialsParameterValue;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.task.CodegenTaskStep;
import io.jenkins.plugins.codegen.simulator.SimulatorOptions;
import io.jenkins.plugins.codegen.simulator.SimulatorServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The token comes from Jenkins Credentials: global, folder and parameter credentials all reach a
 * simulated API that accepts only the right token, and the token is never printed or stored.
 */
@WithJenkins
class CodegenCredentialsTest {
    private JenkinsRule r;
    private LocalBridgeLauncher simulatorLauncher;
    private SimulatorServer simulator;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        simulatorLauncher = new LocalBridgeLauncher();
        simulator = SimulatorServer.start(simulatorLauncher, CodegenTesting.python(),
                SimulatorOptions.DEFAULT.withAcceptedToken(CodegenTesting.TOKEN));
        CodegenGlobalConfiguration global = CodegenTesting.configure();
        global.setApiUrl(simulator.baseUrl());
        global.setOrgId(1L);
        CodegenTesting.agent(r);
    }

    @AfterEach
    void tearDown() throws Exception {
        simulator.close();
        simulatorLauncher.close();
    }

    private static StringCredentialsImpl secretText(String id, String token) {
        return new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "Codegen API token", Secret.fromString(token));
    }

    private static WorkflowJob pipeline(WorkflowJob job, String credentialsId) throws Exception {
        job.setDefinition(new CpsFlowDefinition("node('py') {\n"
                + "  def r = codegenTask(title: 'Add rate limiting', credentialsId: '" + credentialsId + "')\n"
                + "  echo \"status=${r.status} run=${r.runId}\"\n"
                + "}", true));
        return job;
    }

    private void assertNoTokenAnywhere(WorkflowRun b) throws Exception {
        r.assertLogNotContains(CodegenTesting.TOKEN, b);
        assertFalse(CodegenTesting.buildXml(b).contains(CodegenTesting.TOKEN), "build.xml holds no token");
    }

    @Test
    void aGlobalCredentialIsUsedAndItsUseTracked() throws Exception {
        StringCredentialsImpl credential = secretText("codegen-token", CodegenTesting.TOKEN);
        SystemCredentialsProvider.getInstance().getCredentials().add(credential);
        SystemCredentialsProvider.getInstance().save();

        WorkflowRun b = r.buildAndAssertSuccess(pipeline(r.createProject(WorkflowJob.class), "codegen-token"));

        r.assertLogContains("status=SUCCEEDED run=", b);
        assertNotNull(CodegenTesting.onlyRecord(b).getRunId());
        assertNotNull(CredentialsProvider.getFingerprintOf(credential), "the build's use of the credential is tracked");
        assertNoTokenAnywhere(b);
    }

    @Test
    void aFolderCredentialIsFoundForAJobInThatFolder() throws Exception {
        MockFolder folder = r.createFolder("team");
        FolderCredentials.BY_FOLDER.put(folder, List.of(secretText("team-token", CodegenTesting.TOKEN)));

        WorkflowRun inFolder = r.buildAndAssertSuccess(pipeline(folder.createProject(WorkflowJob.class, "job"),
                "team-token"));
        r.assertLogContains("status=SUCCEEDED", inFolder);
        assertNoTokenAnywhere(inFolder);

        WorkflowRun outside = r.buildAndAssertStatus(Result.FAILURE,
                pipeline(r.createProject(WorkflowJob.class), "team-token"));
        r.assertLogContains("No Secret text credential with the id 'team-token' is visible to this build.", outside);
    }

    /**
     * Credentials that belong to a folder and the items in it, as the folder plugin's provider keeps
     * them: a job sees them only when the plugin looks them up in the job's own context.
     */
    @TestExtension("aFolderCredentialIsFoundForAJobInThatFolder")
    public static class FolderCredentials extends CredentialsProvider {
        static final Map<ItemGroup<?>, List<Credentials>> BY_FOLDER = new ConcurrentHashMap<>();

        @NonNull
        @Override
        public <C extends Credentials> List<C> getCredentialsInItemGroup(@NonNull Class<C> type,
                ItemGroup itemGroup, Authentication authentication, @NonNull List<DomainRequirement> requirements) {
            List<C> found = new ArrayList<>();
            ItemGroup<?> group = itemGroup;
            while (group != null) {
                for (Credentials credentials : BY_FOLDER.getOrDefault(group, List.of())) {
                    if (type.isInstance(credentials)) {
                        found.add(type.cast(credentials));
                    }
                }
                group = group instanceof Item item ? item.getParent() : null;
            }
            return found;
        }
    }

    @Test
    void aCredentialsParameterChoosesTheCredential() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(secretText("chosen-token", CodegenTesting.TOKEN));
        SystemCredentialsProvider.getInstance().save();
        WorkflowJob job = pipeline(r.createProject(WorkflowJob.class), "${CODEGEN_CREDENTIALS}");
        job.addProperty(new ParametersDefinitionProperty(new CredentialsParameterDefinition("CODEGEN_CREDENTIALS",
                "The Codegen token", "", StringCredentialsImpl.class.getName(), true)));

        WorkflowRun b = r.assertBuildStatusSuccess(job.scheduleBuild2(0, new ParametersAction(
                new CredentialsParameterValue("CODEGEN_CREDENTIALS", "chosen-token", "The Codegen token"))));

        r.assertLogContains("status=SUCCEEDED", b);
        assertNoTokenAnywhere(b);
    }

    @Test
    void aWrongTokenIsAnAuthenticationFailureThatSaysWhatToDo() throws Exception {
        String wrong = "sk-test-wrong-0f3b9c7e-SECRET-1d2c";
        CodegenGlobalConfiguration.get().setDebugLogging(true); // request summaries in the log, never the token
        SystemCredentialsProvider.getInstance().getCredentials().add(secretText("stale-token", wrong));
        SystemCredentialsProvider.getInstance().save();
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('py') {\n"
                + "  def r = codegenTask(title: 'Add rate limiting', credentialsId: 'stale-token', failOnError: false)\n"
                + "  echo \"type=${r.errorType} guidance=${r.guidance}\"\n"
                + "}", true));

        WorkflowRun b = r.buildAndAssertSuccess(job);

        r.assertLogContains("type=authentication", b);
        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        assertEquals("authentication", record.getErrorType());
        assertTrue(record.getGuidance().contains("token"), record.getGuidance());
        r.assertLogNotContains(wrong, b);
        assertFalse(CodegenTesting.buildXml(b).contains(wrong));
    }

    @Test
    void aUsernamePasswordCredentialIsNamedAsTheWrongKind() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "codegen-login", "Codegen login", "builder", "not-a-token-1234"));
        SystemCredentialsProvider.getInstance().save();

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, pipeline(r.createProject(WorkflowJob.class),
                "codegen-login"));

        r.assertLogContains("'codegen-login' is a username/password credential; the token must be Secret text", b);
        r.assertLogNotContains("No Secret text credential with the id", b);
        r.assertLogNotContains("not-a-token-1234", b);
        assertEquals(FormValidation.Kind.ERROR, r.jenkins.getDescriptorByType(CodegenTaskStep.DescriptorImpl.class)
                .doCheckCredentialsId(null, "codegen-login").kind);
        assertTrue(CodegenGlobalConfiguration.get().doCheckCredentialsId("codegen-login").getMessage()
                .contains("is a username/password credential"));
    }
}

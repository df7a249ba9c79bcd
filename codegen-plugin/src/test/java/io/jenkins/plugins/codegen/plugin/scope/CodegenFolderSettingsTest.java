package io.jenkins.plugins.codegen.plugin.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Label;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.fix.CodegenFixPublisher;
import io.jenkins.plugins.codegen.plugin.fix.CodegenFixStepTest;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.task.CodegenBuilder;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.FailureBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Folder settings end to end: a task takes each default from its step, else the nearest folder that
 * sets it, else the folders further out, else the global configuration, and its log and build page
 * say where each came from; the folder's form answers whoever may configure the folder; a folder
 * whose credential was deleted fails its tasks with {@code configuration}, naming the folder and the id.
 */
@WithJenkins
class CodegenFolderSettingsTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        CodegenTesting.configure();
    }

    private static CodegenFolderProperty settings(Folder folder) throws Exception {
        CodegenFolderProperty property = new CodegenFolderProperty();
        folder.addProperty(property);
        return property;
    }

    private static void addCredential(Folder folder, String id) throws Exception {
        store(folder).addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, id,
                "Codegen token of " + folder.getName(), Secret.fromString(CodegenTesting.TOKEN)));
    }

    private static CredentialsStore store(Folder folder) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(folder)) {
            if (store.getContext() == folder) {
                return store;
            }
        }
        throw new AssertionError("no credentials store in folder " + folder.getFullName());
    }

    @Test
    void eachDefaultComesFromTheStepTheNearestFolderTheOuterFolderOrTheGlobalConfiguration() throws Exception {
        CodegenTesting.agent(r);
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        global.setCredentialsId("codegen-token");
        global.setOrgId(1L);
        Folder teamA = r.jenkins.createProject(Folder.class, "team-a");
        CodegenFolderProperty outer = settings(teamA);
        outer.setOrgId(42L);
        outer.setTimeout(30);
        outer.setMock(true);
        outer.setOptimizationLevel("comprehensive");
        Folder sub = teamA.createProject(Folder.class, "sub");
        settings(sub).setTimeout(45);
        WorkflowJob job = sub.createProject(WorkflowJob.class, "webapp");
        job.setDefinition(new CpsFlowDefinition("""
                node('py') {
                    codegenTask(title: 'Add input validation', repository: 'acme/webapp', optimizationLevel: 'minimal')
                }
                """, true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        List<String> expected = List.of("credential codegen-token from the global configuration",
                "organization 42 from folder team-a",
                "optimization level minimal from the step",
                "backend rest from the global configuration",
                "timeout 45 minutes from folder team-a/sub",
                "mock mode on from folder team-a");
        for (String line : expected) {
            r.assertLogContains("[Codegen]   " + line, build);
        }
        CodegenTaskRecord record = CodegenTesting.onlyRecord(build);
        assertEquals("SUCCEEDED", record.getStatus());
        assertTrue(record.isMock(), "mock mode came from the folder");
        assertEquals(expected, record.getSettingsFrom());
        String page = r.createWebClient().goTo(build.getUrl() + "codegen/").getWebResponse().getContentAsString();
        for (String line : expected) {
            assertTrue(page.contains(line), "the build page says " + line + ": " + page);
        }
    }

    @Test
    void aFolderWhoseCredentialWasDeletedFailsItsTasksWithConfigurationNamingTheFolderAndTheId() throws Exception {
        CodegenTesting.agent(r);
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "codegen-token", "global token", Secret.fromString(CodegenTesting.TOKEN)));
        CodegenGlobalConfiguration.get().setCredentialsId("codegen-token");
        Folder teamA = r.jenkins.createProject(Folder.class, "team-a");
        addCredential(teamA, "team-a-token");
        CodegenFolderProperty property = settings(teamA);
        property.setCredentialsId("team-a-token");
        property.setOrgId(42L);
        store(teamA).removeCredentials(Domain.global(), store(teamA).getCredentials(Domain.global()).get(0));
        FreeStyleProject job = teamA.createProject(FreeStyleProject.class, "webapp");
        job.setAssignedLabel(Label.get(CodegenTesting.AGENT_LABEL));
        CodegenBuilder step = new CodegenBuilder("Add input validation");
        step.setRepository("acme/webapp");
        job.getBuildersList().add(step);

        FreeStyleBuild build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("[Codegen]   credential team-a-token from folder team-a", build);
        r.assertLogContains("[configuration] The Codegen settings of folder team-a choose the credential "
                + "'team-a-token', which this build cannot use", build);
        CodegenTaskRecord record = CodegenTesting.onlyRecord(build);
        assertEquals("configuration", record.getErrorType());
        assertTrue(record.getGuidance().contains("Codegen settings of folder team-a"), record.getGuidance());
        assertNull(record.getRunId(), "nothing was sent");
    }

    @Test
    void aFixTakesItsDefaultsFromTheFolderToo() throws Exception {
        CodegenTesting.agent(r);
        Folder teamA = r.jenkins.createProject(Folder.class, "team-a");
        CodegenFolderProperty settings = settings(teamA);
        settings.setMock(true);
        settings.setOrgId(42L);
        FreeStyleProject job = teamA.createProject(FreeStyleProject.class, "webapp");
        job.setAssignedLabel(Label.get(CodegenTesting.AGENT_LABEL));
        job.getBuildersList().add(new FailureBuilder());
        CodegenFixPublisher fix = new CodegenFixPublisher();
        fix.setRepository("acme/webapp");
        fix.setBranch("main");
        fix.setCommit(CodegenFixStepTest.COMMIT);
        job.getPublishersList().add(fix);

        FreeStyleBuild build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("[Codegen]   mock mode on from folder team-a", build);
        r.assertLogContains("[Codegen]   organization 42 from folder team-a", build);
        CodegenTaskRecord record = CodegenTesting.onlyRecord(build);
        assertTrue(record.isFix());
        assertEquals("SUCCEEDED", record.getStatus(), "the fix ran in the folder's mock mode, with no credential");
    }

    private WebResponse post(String user, Item item, String method) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login(user);
        String descriptor = r.jenkins.getDescriptorOrDie(CodegenFolderProperty.class).getDescriptorUrl();
        WebRequest request = new WebRequest(new URL(r.getURL(), item.getUrl() + descriptor + "/" + method),
                HttpMethod.POST);
        return wc.loadWebResponse(wc.addCrumb(request));
    }

    @Test
    void theFolderFormAnswersWhoeverMayConfigureTheFolderWithItsOwnCredentials() throws Exception {
        Folder teamA = r.jenkins.createProject(Folder.class, "team-a");
        Folder teamB = r.jenkins.createProject(Folder.class, "team-b");
        addCredential(teamA, "team-a-token");
        addCredential(teamB, "team-b-token");
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "codegen-token", "global token", Secret.fromString(CodegenTesting.TOKEN)));
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("lead", "viewer")
                .grant(Item.READ, Item.CONFIGURE).onFolders(teamA).to("lead")
                .grant(Item.READ).onFolders(teamA).to("viewer"));
        assertFalse(r.jenkins.getACL().hasPermission2(
                hudson.model.User.getById("lead", true).impersonate2(), Jenkins.ADMINISTER));

        WebResponse credentials = post("lead", teamA, "fillCredentialsIdItems");
        assertEquals(200, credentials.getStatusCode());
        String list = credentials.getContentAsString();
        assertTrue(list.contains("team-a-token") && list.contains("codegen-token"), list);
        assertFalse(list.contains("team-b-token"), "another team's credential is not offered: " + list);
        WebResponse budget = post("lead", teamA, "checkBudgetPerHour?value=20000");
        assertEquals(200, budget.getStatusCode());
        assertTrue(budget.getContentAsString().contains("budgetPerHour is 20000"), budget.getContentAsString());
        WebResponse credential = post("lead", teamA, "checkCredentialsId?value=team-b-token");
        assertTrue(credential.getContentAsString().contains("No Secret text credential with the id &#039;team-b-token&#039;"),
                credential.getContentAsString());

        assertEquals(403, post("viewer", teamA, "checkBudgetPerHour?value=5").getStatusCode());
        assertEquals(403, post("viewer", teamA, "checkCredentialsId?value=team-a-token").getStatusCode());
        assertEquals(404, post("lead", teamB, "checkOrgId?value=42").getStatusCode(),
                "configuring team-a gives nothing in team-b, which the lead does not even see");
        String viewerList = post("viewer", teamA, "fillCredentialsIdItems").getContentAsString();
        assertFalse(viewerList.contains("team-a-token"), "a viewer sees no credential ids: " + viewerList);
    }

    @Test
    void theFolderConfigurePageSavesTheSettingsAndRefusesAWrongBudgetNamingIt() throws Exception {
        Folder teamA = r.jenkins.createProject(Folder.class, "team-a");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("lead")
                .grant(Item.READ, Item.CONFIGURE).onFolders(teamA).to("lead"));
        JenkinsRule.WebClient wc = r.createWebClient().login("lead");

        var form = wc.getPage(teamA, "configure").getFormByName("config");
        form.getInputByName("_.orgId").setValue("42");
        form.getInputByName("_.budgetPerHour").setValue("10");
        r.submit(form);

        CodegenFolderProperty saved = teamA.getProperties().get(CodegenFolderProperty.class);
        assertEquals(42L, saved.getOrgId());
        assertEquals(10, saved.getBudgetPerHour());
        assertNull(saved.getTimeout(), "an empty field stays unset: inherited");
        assertNull(saved.getMock(), "(inherit) stays unset");

        wc.setThrowExceptionOnFailingStatusCode(false);
        form = wc.getPage(teamA, "configure").getFormByName("config");
        form.getInputByName("_.budgetPerHour").setValue("20000");
        WebResponse refused = r.submit(form).getWebResponse();
        assertEquals(400, refused.getStatusCode());
        assertTrue(refused.getContentAsString().contains("budgetPerHour is 20000"), refused.getContentAsString());
        assertEquals(10, teamA.getProperties().get(CodegenFolderProperty.class).getBudgetPerHour(), "nothing saved");
    }
}

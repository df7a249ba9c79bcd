package io.jenkins.plugins.codegen.plugin.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import java.time.Duration;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The history of a job is for those who may read the job: others see nothing of it, not even that it exists. */
@WithJenkins
class CodegenHistorySecurityTest {

    @Test
    void aUserWhoMayNotReadTheJobSeesNothingOfItsHistory(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        WorkflowJob secret = job(r, "secret", "Secret migration");
        WorkflowJob open = job(r, "open", "Open task");
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("outsider")
                .grant(Item.READ).onItems(open).to("outsider"));
        JenkinsRule.WebClient outsider = r.createWebClient().withThrowExceptionOnFailingStatusCode(false)
                .login("outsider");

        for (String path : List.of("job/secret/codegen-history/", "job/secret/codegen-history/api/json",
                "job/secret/codegen-history/api/json?tree=tasks[title]", "job/secret/codegen-history/api/xml")) {
            Page page = outsider.goTo(path, null);
            int status = page.getWebResponse().getStatusCode();
            assertTrue(status == 403 || status == 404, path + " answered " + status);
            assertFalse(page.getWebResponse().getContentAsString().contains("Secret migration"), path);
        }
        Page readable = outsider.goTo("job/open/codegen-history/api/json", "application/json");
        assertTrue(readable.getWebResponse().getContentAsString().contains("Open task"));
        Page admin = r.createWebClient().login("admin").goTo("job/secret/codegen-history/api/json", "application/json");
        assertTrue(admin.getWebResponse().getContentAsString().contains("Secret migration"));
        assertEquals(secret.getFullName(), "secret");
    }

    private static WorkflowJob job(JenkinsRule r, String name, String title) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("echo 'built'", true));
        WorkflowRun b = r.buildAndAssertSuccess(job);
        CodegenBuildAction.of(b).start(title, null, true).finish(CodegenHistoryTest.opened(title, 1, 1,
                Duration.ofSeconds(3)));
        b.save();
        return job;
    }
}

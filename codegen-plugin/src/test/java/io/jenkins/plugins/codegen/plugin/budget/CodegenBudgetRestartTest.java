package io.jenkins.plugins.codegen.plugin.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The budgets across a controller restart: what was used stays used; a budget file that cannot be
 * read fails closed, and the management page says so until an administrator resets the budgets.
 */
class CodegenBudgetRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @AfterEach
    void systemReadOff() {
        jenkins.model.Jenkins.SYSTEM_READ.setEnabled(false);
    }

    @Test
    void whatWasUsedStaysUsedAfterARestart() throws Throwable {
        sessions.then(r -> {
            CodegenTesting.configure();
            FreeStyleProject job = BudgetTesting.mockJob(BudgetTesting.folder(r, "team-a"), "webapp");
            BudgetTesting.limit("team-a", 1, null);
            r.buildAndAssertSuccess(job);
        });
        sessions.then(r -> {
            FreeStyleProject job = r.jenkins.getItemByFullName("team-a/webapp", FreeStyleProject.class);
            FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, job);
            r.assertLogContains("Codegen budget used up: folder team-a allows 1 agent run per hour, and 1 was "
                    + "started in the last hour", b);
            assertEquals(1, BudgetTesting.scope(r, "team-a").getInt("usedLastHour"));
        });
    }

    @Test
    void aCorruptBudgetFileFailsClosedAndThePageSaysSoUntilAReset() throws Throwable {
        sessions.then(r -> {
            CodegenTesting.configure();
            FreeStyleProject limited = BudgetTesting.mockJob(BudgetTesting.folder(r, "team-a"), "webapp");
            BudgetTesting.limit("team-a", 5, null);
            r.buildAndAssertSuccess(limited);
            r.buildAndAssertSuccess(BudgetTesting.mockJob(BudgetTesting.folder(r, "team-b"), "webapp"));
        });
        sessions.then(r -> {
            // Cut short, as by a full disk: read at the next start.
            Path file = r.jenkins.getRootDir().toPath().resolve(CodegenBudgets.FILE_NAME);
            Files.writeString(file, "{\"version\":1,\"scopes\":[{\"key\":\"team-a\",", StandardCharsets.UTF_8);
        });
        sessions.then(r -> {
            FreeStyleBuild refused = r.buildAndAssertStatus(Result.FAILURE,
                    r.jenkins.getItemByFullName("team-a/webapp", FreeStyleProject.class));
            r.assertLogContains("[budget] Codegen budget: the budget file could not be read when Jenkins started", refused);
            r.assertLogContains("No agent run was created.", refused);
            // A scope without a limit runs as usual.
            r.buildAndAssertSuccess(r.jenkins.getItemByFullName("team-b/webapp", FreeStyleProject.class));

            // SystemRead is off unless enabled (jenkins.security.SystemReadPermission).
            jenkins.model.Jenkins.SYSTEM_READ.setEnabled(true);
            r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
            r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(jenkins.model.Jenkins.ADMINISTER).everywhere().to("admin")
                    .grant(jenkins.model.Jenkins.SYSTEM_READ, jenkins.model.Jenkins.READ).everywhere().to("reader"));
            JSONObject failClosed = BudgetTesting.budgets(r, "reader").getJSONObject("failClosed");
            assertTrue(failClosed.getString("message").startsWith("The budget file could not be read when Jenkins "
                    + "started"), failClosed.toString());
            try (JenkinsRule.WebClient web = r.createWebClient().login("reader")) {
                HtmlPage page = web.goTo("manage/codegen/");
                String text = page.asNormalizedText();
                assertTrue(text.contains("The budget file could not be read when Jenkins started"), text);
                assertTrue(page.getElementsByName("budgets-reset").isEmpty(), "only an administrator may reset");
                web.setThrowExceptionOnFailingStatusCode(false);
                WebRequest post = new WebRequest(new URL(r.getURL(), "manage/codegen/budgets/reset"), HttpMethod.POST);
                assertEquals(403, web.getPage(web.addCrumb(post)).getWebResponse().getStatusCode());
            }
            try (JenkinsRule.WebClient web = r.createWebClient().login("admin")) {
                HtmlPage page = web.goTo("manage/codegen/");
                HtmlPage after = page.getFormByName("budgets-reset").getOneHtmlElementByAttribute("button", "type",
                        "submit").click();
                assertFalse(after.asNormalizedText().contains("could not be read"), after.asNormalizedText());
            }
            r.buildAndAssertSuccess(r.jenkins.getItemByFullName("team-a/webapp", FreeStyleProject.class));
        });
    }
}

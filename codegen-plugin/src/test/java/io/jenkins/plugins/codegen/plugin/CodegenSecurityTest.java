package io.jenkins.plugins.codegen.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Result;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.monitoring.CodegenManagementLink;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenFollowUp;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.task.CodegenBuilder;
import io.jenkins.plugins.codegen.plugin.task.CodegenTaskStep;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.POST;

/** Web methods that act need POST and a permission; what a task or the API sends is rendered escaped. */
@WithJenkins
class CodegenSecurityTest {
    private static final String MOCK_ANSWER = "Mock mode: the simulated Codegen API answered";
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        CodegenTesting.configure();
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));
    }

    @Test
    void everyWebMethodOfThePluginIsPostOnly() {
        List<String> open = new ArrayList<>();
        for (Class<?> type : List.of(CodegenGlobalConfiguration.class, CodegenTaskStep.DescriptorImpl.class,
                CodegenBuilder.DescriptorImpl.class, CodegenFollowUp.DescriptorImpl.class, CodegenManagementLink.class,
                CodegenBuildAction.class)) {
            for (Method method : type.getMethods()) {
                boolean ours = method.getDeclaringClass().getName().startsWith("io.jenkins.plugins.codegen");
                if (ours && method.getName().startsWith("do") && !method.isAnnotationPresent(POST.class)
                        && !method.isAnnotationPresent(RequirePOST.class)) {
                    open.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertEquals(List.of(), open);
    }

    /**
     * The first response to a POST of Test connection. Not a page: Jenkins answers an anonymous user
     * 403 with a page that refreshes to the login form, which HtmlUnit would follow to a 200.
     */
    private WebResponse testConnection(String user) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        if (user != null) {
            wc.login(user);
        }
        Descriptor<?> global = r.jenkins.getDescriptorOrDie(CodegenGlobalConfiguration.class);
        WebRequest request = new WebRequest(new URL(r.getURL(), global.getDescriptorUrl() + "/testConnection?mock=true"),
                HttpMethod.POST);
        return wc.loadWebResponse(wc.addCrumb(request));
    }

    @Test
    void onlyAnAdministratorMayTestTheConnection() throws Exception {
        WebResponse reader = testConnection("reader");
        assertEquals(403, reader.getStatusCode());
        assertFalse(reader.getContentAsString().contains(MOCK_ANSWER), "a reader ran the connection test");
        WebResponse anonymous = testConnection(null);
        assertEquals(403, anonymous.getStatusCode());
        assertFalse(anonymous.getContentAsString().contains(MOCK_ANSWER), "an anonymous user ran the connection test");

        WebResponse admin = testConnection("admin");
        assertEquals(200, admin.getStatusCode());
        assertTrue(admin.getContentAsString().contains(MOCK_ANSWER), admin.getContentAsString());
    }

    /** Stapler's {@code @POST} does not answer 405 to a GET: it declines the method, and the URL is not found. */
    @Test
    void aGetCannotTestTheConnection() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");
        Descriptor<?> global = r.jenkins.getDescriptorOrDie(CodegenGlobalConfiguration.class);
        Page page = wc.goTo(global.getDescriptorUrl() + "/testConnection?mock=true", null);
        assertEquals(404, page.getWebResponse().getStatusCode());
        assertFalse(page.getWebResponse().getContentAsString().contains(MOCK_ANSWER), "a GET ran the connection test");
    }

    @Test
    void taskAndPullRequestTextIsEscapedAndAJavascriptLinkIsNotALink() throws Exception {
        CodegenTesting.agent(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "xss");
        job.setDefinition(new CpsFlowDefinition("node('py') {\n"
                + "  codegenTask(title: '<script>alert(\"title\")</script>', mock: true,\n"
                + "              mockScenario: 'pr_title=<script>alert(1)</script>;pr_url=javascript:alert(2)')\n"
                + "}", true));
        WorkflowRun b = r.buildAndAssertStatus(Result.SUCCESS, job);
        CodegenTaskRecord record = CodegenTesting.onlyRecord(b);
        assertEquals("javascript:alert(2)", record.getPrUrl(), "the API's value is kept as data");
        assertNull(record.getView().getSafePrUrl(), "but it is no link");
        assertNull(b.getAction(CodegenBuildAction.class).getBadgeUrl());

        JenkinsRule.WebClient wc = r.createWebClient().login("admin");
        for (String url : List.of(b.getUrl(), b.getUrl() + "codegen/")) {
            HtmlPage page = wc.goTo(url);
            String html = page.getWebResponse().getContentAsString();
            // Jelly escapes '<' (and leaves '>' as it is, which is safe): no script element may come from the text.
            for (DomElement script : page.getElementsByTagName("script")) {
                assertFalse(script.getTextContent().contains("alert("), url + " runs a script from task or API text");
            }
            assertFalse(html.contains("<script>alert("), url + " renders a script from task or API text");
            assertTrue(html.contains("&lt;script"), url + " shows the text escaped");
            assertFalse(html.contains("href=\"javascript:"), url + " links to javascript:");
        }
    }
}

package io.jenkins.plugins.codegen.plugin.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The controller-wide statistics and health page under Manage Jenkins, and its REST API. */
@WithJenkins
class CodegenManagementLinkTest {

    @Test
    void administratorsSeeStatisticsAndHealthOthersDoNot(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));

        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        String page = admin.goTo("manage/codegen/").getWebResponse().getContentAsString();
        assertTrue(page.contains("Success rate") || page.contains("success rate"), page);
        String json = admin.goTo("manage/codegen/api/json", "application/json").getWebResponse().getContentAsString();
        assertTrue(json.contains("\"statistics\"") && json.contains("\"requests\""), json);
        assertTrue(json.contains("\"health\""), json);

        JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("reader");
        Page refused = reader.goTo("manage/codegen/api/json", null);
        assertEquals(403, refused.getWebResponse().getStatusCode());
    }
}

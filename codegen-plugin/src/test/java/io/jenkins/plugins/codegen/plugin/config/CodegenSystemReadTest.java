package io.jenkins.plugins.codegen.plugin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AccessDeniedException3;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A read-only administrator (Overall/SystemRead) opens the global configuration and sees its
 * select boxes filled; a user who may only read sees none of it, and the acting endpoints stay
 * with administrators.
 */
@WithJenkins
class CodegenSystemReadTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        // SystemRead is off unless enabled (jenkins.security.SystemReadPermission).
        Jenkins.SYSTEM_READ.setEnabled(true);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Jenkins.SYSTEM_READ).everywhere().to("auditor")
                .grant(Jenkins.READ).everywhere().to("reader"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "codegen-token", "Codegen API token", Secret.fromString(CodegenTesting.TOKEN)));
        SystemCredentialsProvider.getInstance().save();
    }

    @AfterEach
    void tearDown() {
        Jenkins.SYSTEM_READ.setEnabled(false);
    }

    private static ACLContext as(String user) {
        return ACL.as2(User.getById(user, true).impersonate2());
    }

    @Test
    void aReadOnlyAdministratorSeesTheSelectBoxesFilled() throws Exception {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        try (ACLContext ignored = as("auditor")) {
            assertTrue(global.doFillBackendItems().size() >= 3, "backends");
            assertTrue(global.doFillOptimizationLevelItems().size() >= 3, "optimization levels");
            ListBoxModel credentials = global.doFillCredentialsIdItems("");
            assertTrue(credentials.stream().anyMatch(o -> o.value.equals("codegen-token")), "credentials");
            assertThrows(AccessDeniedException3.class, () -> global.doCheckApiUrl("https://api.codegen.com"),
                    "the checks stay with administrators");
        }
        try (ACLContext ignored = as("reader")) {
            assertThrows(AccessDeniedException3.class, global::doFillBackendItems);
            assertEquals(List.of(), global.doFillCredentialsIdItems("").stream().map(o -> o.value)
                    .filter(v -> !v.isEmpty()).toList(), "no credential ids for a reader");
        }
        JenkinsRule.WebClient wc = r.createWebClient().login("auditor");
        assertEquals(200, wc.goTo("manage/configure").getWebResponse().getStatusCode(),
                "the auditor opens the global configuration");
    }
}

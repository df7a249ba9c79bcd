package io.jenkins.plugins.codegen.plugin.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.util.FormValidation;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.config.FormChecks;
import io.jenkins.plugins.codegen.plugin.task.CodegenTaskStep;
import java.time.temporal.ChronoUnit;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What the forms' checks say: in the words and units of the field they check. */
@WithJenkins
class CodegenFormChecksTest {

    @Test
    void aTimeoutInMinutesIsCheckedInMinutes(JenkinsRule r) {
        FormValidation step = r.jenkins.getDescriptorByType(CodegenTaskStep.DescriptorImpl.class)
                .doCheckTimeout(null, "0");
        assertEquals(FormValidation.Kind.ERROR, step.kind);
        assertTrue(step.getMessage().contains("It is 0 minutes; it must be longer than zero"), step.getMessage());
        assertFalse(step.getMessage().contains("0s"), step.getMessage());

        FormValidation global = CodegenGlobalConfiguration.get().doCheckTimeout("2000");
        assertEquals(FormValidation.Kind.ERROR, global.kind);
        assertTrue(global.getMessage().contains("It is 2,000 minutes; at most 1,440 minutes is allowed"),
                global.getMessage());
    }

    @Test
    void aRefusedGlobalFormChangesNothing(JenkinsRule r) throws Exception {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        global.setApiUrl("https://api.codegen.com");
        global.setMaxRetries(3);
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        HtmlPage page = wc.goTo("configure");
        HtmlForm form = page.getFormByName("config");
        form.getInputByName("_.apiUrl").setValue("https://elsewhere.example.org");
        form.getInputByName("_.maxRetries").setValue("7");
        // A value the select box never offers, as a hand-made POST could send it.
        HtmlSelect backend = form.getSelectByName("_.backend");
        HtmlOption grpc = (HtmlOption) page.createElement("option");
        grpc.setAttribute("value", "grpc");
        backend.appendChild(grpc);
        backend.setSelectedAttribute(grpc, true);

        HtmlPage refused = r.submit(form);

        assertEquals(400, refused.getWebResponse().getStatusCode());
        assertTrue(refused.getWebResponse().getContentAsString().contains("backend &#39;grpc&#39;")
                || refused.getWebResponse().getContentAsString().contains("backend 'grpc'"),
                refused.getWebResponse().getContentAsString());
        assertEquals("https://api.codegen.com", global.getApiUrl(), "a refused form changed the API URL");
        assertEquals(3, global.getMaxRetries(), "a refused form changed the retries");
    }

    @Test
    void durationsAreSaidInTheFieldsUnitWhereTheyAreWhole() {
        assertEquals("is 0 minutes; at most 1,440 minutes; 30 minutes suits most tasks",
                FormChecks.inUnit("is 0s; at most 24h; 30m suits most tasks", ChronoUnit.MINUTES));
        assertEquals("is 1 second, not 90 seconds", FormChecks.inUnit("is 1s, not 90s", ChronoUnit.SECONDS));
        assertEquals("is 90s", FormChecks.inUnit("is 90s", ChronoUnit.MINUTES), "1.5 minutes stays as it was");
        assertEquals("sms and 5ms2", FormChecks.inUnit("sms and 5ms2", ChronoUnit.SECONDS), "not a duration");
    }
}

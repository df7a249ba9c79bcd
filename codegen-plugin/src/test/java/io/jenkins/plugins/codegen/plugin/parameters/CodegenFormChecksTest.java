package io.jenkins.plugins.codegen.plugin.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.codegen.plugin.CodegenTesting;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.config.FormChecks;
import io.jenkins.plugins.codegen.plugin.task.CodegenTaskStep;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
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

    /** A configuration saved before its ranges were checked on save may hold a 0; a build says so in minutes. */
    @Test
    void aGlobalTimeoutABuildRefusesIsSaidInMinutes(JenkinsRule r) throws Exception {
        CodegenGlobalConfiguration global = CodegenTesting.configure();
        Path file = r.jenkins.getRootDir().toPath().resolve(CodegenGlobalConfiguration.CONFIG_FILE_NAME);
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8).replaceAll("<timeout>\\d+</timeout>",
                "<timeout>0</timeout>"), StandardCharsets.UTF_8);
        global.load();
        assertEquals(0, global.getTimeout());
        CodegenTesting.agent(r);
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('py') { codegenTask title: 'Add a test', mock: true }", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("the global setting timeout (Manage Jenkins » System » Codegen): is 0 minutes; it must be "
                + "longer than zero", b);
        r.assertLogContains("30 minutes suits most tasks", b);
        r.assertLogNotContains("is 0s", b);
        r.assertLogNotContains("30m suits", b);
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
    void aGlobalFormOutOfTheEnginesRangesIsRefusedNamingTheFieldAndNothingIsStored(JenkinsRule r) throws Exception {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        global.setMaxRetries(3);
        Path file = r.jenkins.getRootDir().toPath().resolve(CodegenGlobalConfiguration.CONFIG_FILE_NAME);
        String stored = Files.readString(file, StandardCharsets.UTF_8);
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("backoffMultiplier=0.5", "backoffMultiplier is 0.5; it must be at least 1");
        refusals.put("backoffMultiplier=-1", "backoffMultiplier is -1.0; it must be at least 1");
        refusals.put("timeout=0", "timeout is 0 minutes; it must be longer than zero");
        refusals.put("timeout=2000", "timeout is 2,000 minutes; at most 1,440 minutes is allowed");
        refusals.put("maxRetries=-1", "maxRetries is -1; it cannot be negative");
        refusals.put("baseDelay=0", "baseDelay is not longer than zero");
        refusals.put("maxPromptLength=100", "maxPromptLength is 100; it must be from 200 to 100,000 characters");
        refusals.put("pollInterval=0", "pollInterval is 0 seconds; it must be at least 1 second");
        refusals.put("orgId=-5", "orgId is -5; it must be a positive number");
        refusals.put("apiUrl=ftp://codegen.example.org", "apiUrl is not an http or https URL");

        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            String[] field = refusal.getKey().split("=", 2);
            HtmlForm form = wc.goTo("configure").getFormByName("config");
            form.getInputByName("_." + field[0]).setValue(field[1]);

            HtmlPage refused = r.submit(form);

            String page = refused.getWebResponse().getContentAsString();
            assertEquals(400, refused.getWebResponse().getStatusCode(), refusal.getKey());
            assertTrue(page.contains(refusal.getValue()), refusal.getKey() + ": " + page);
            assertEquals(stored, Files.readString(file, StandardCharsets.UTF_8), refusal.getKey() + " was stored");
        }
        CodegenSettings defaults = CodegenSettings.builder().build();
        assertEquals(defaults.backoffMultiplier(), global.getBackoffMultiplier());
        assertEquals((int) defaults.timeout().toMinutes(), global.getTimeout());
        assertEquals(3, global.getMaxRetries());
        assertEquals(defaults.apiUrl(), global.getApiUrl());
    }

    @Test
    void aGlobalFormInRangeIsStored(JenkinsRule r) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        HtmlForm form = wc.goTo("configure").getFormByName("config");
        form.getInputByName("_.backoffMultiplier").setValue("1");
        form.getInputByName("_.timeout").setValue("1440");

        r.submit(form);

        assertEquals(1.0, CodegenGlobalConfiguration.get().getBackoffMultiplier());
        assertEquals(1440, CodegenGlobalConfiguration.get().getTimeout());
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

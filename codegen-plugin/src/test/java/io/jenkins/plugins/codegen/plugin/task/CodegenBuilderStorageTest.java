package io.jenkins.plugins.codegen.plugin.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Items;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A job's config.xml keeps loading: the build step as an earlier version stored it (its values flat in
 * the builder) and as it is stored now (under {@code <parameters>}).
 */
@WithJenkins
class CodegenBuilderStorageTest {

    /** The builder as config.xml held it before the values moved into CodegenTaskParameters. */
    private static final String FLAT = "<io.jenkins.plugins.codegen.plugin.CodegenBuilder>"
            + "<title>Add input validation</title>"
            + "<description>The signup form accepts anything.</description>"
            + "<requirements><string>Validate the e-mail address</string><string>Show errors</string></requirements>"
            + "<complexityScore>5</complexityScore>"
            + "<repository>acme/webapp</repository>"
            + "<orgId>42</orgId>"
            + "<timeout>20</timeout>"
            + "<mock>true</mock>"
            + "<backend>rest</backend>"
            + "<failOnError>false</failOnError>"
            + "</io.jenkins.plugins.codegen.plugin.CodegenBuilder>";

    /** The builder as config.xml holds it now: the task's fields and how it runs, side by side in one element. */
    private static final String NESTED = "<io.jenkins.plugins.codegen.plugin.CodegenBuilder><parameters>"
            + "<title>Add input validation</title>"
            + "<requirements><string>Validate the e-mail address</string></requirements>"
            + "<credentialsId>codegen-token</credentialsId>"
            + "<orgId>42</orgId>"
            + "<maxRetries>2</maxRetries>"
            + "<failOnError>false</failOnError>"
            + "<wait>false</wait>"
            + "</parameters></io.jenkins.plugins.codegen.plugin.CodegenBuilder>";

    @Test
    void aBuilderStoredUnderParametersLoadsWithTheTaskAndHowItRuns(JenkinsRule r) {
        CodegenBuilder builder = (CodegenBuilder) Items.XSTREAM2.fromXML(NESTED);

        assertEquals("Add input validation", builder.getTitle());
        assertEquals(List.of("Validate the e-mail address"), builder.getRequirements());
        assertEquals("codegen-token", builder.getCredentialsId());
        assertEquals(42L, builder.getOrgId());
        assertEquals(2, builder.getMaxRetries());
        assertFalse(builder.isFailOnError());
        String stored = Items.XSTREAM2.toXML(builder);
        assertTrue(stored.contains("<parameters>") && stored.contains("<orgId>42</orgId>")
                && !stored.contains("defined-in"), "stored in the same flat element as before: " + stored);
    }

    @Test
    void aBuilderStoredFlatByAnEarlierVersionLoadsWithEveryValue(JenkinsRule r) {
        CodegenBuilder builder = (CodegenBuilder) Items.XSTREAM2.fromXML(FLAT);

        assertEquals("Add input validation", builder.getTitle());
        assertEquals("The signup form accepts anything.", builder.getDescription());
        assertEquals(List.of("Validate the e-mail address", "Show errors"), builder.getRequirements());
        assertEquals(5, builder.getComplexityScore());
        assertEquals("acme/webapp", builder.getRepository());
        assertEquals(42L, builder.getOrgId());
        assertEquals(20, builder.getTimeout());
        assertTrue(builder.isMock());
        assertEquals("rest", builder.getBackend());
        assertFalse(builder.isFailOnError());
        assertNull(builder.getBranch(), "a value the old file did not hold stays unset");
    }

    @Test
    void aLoadedBuilderIsStoredUnderParametersAndLoadsAgainUnchanged(JenkinsRule r) throws Exception {
        CodegenBuilder loaded = (CodegenBuilder) Items.XSTREAM2.fromXML(FLAT);

        String stored = Items.XSTREAM2.toXML(loaded);

        assertTrue(stored.contains("<parameters>"), stored);
        r.assertEqualDataBoundBeans(loaded, Items.XSTREAM2.fromXML(stored));
    }
}

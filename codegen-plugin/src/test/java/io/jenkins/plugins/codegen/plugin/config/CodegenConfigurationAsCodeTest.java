package io.jenkins.plugins.codegen.plugin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The global configuration under its symbol {@code codegen}, applied from the YAML exactly as
 * docs/configuration.md prints it (so the documented form cannot drift from what works), and
 * exported back.
 */
@WithJenkins
class CodegenConfigurationAsCodeTest {
    /** The module's folder is the working directory of its tests; the docs are beside it. */
    private static final Path DOCS = Path.of("..", "docs", "configuration.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path folder;

    private void applyDocumentedYaml() throws Exception {
        Matcher block = YAML_BLOCK.matcher(Files.readString(DOCS, StandardCharsets.UTF_8));
        assertTrue(block.find(), DOCS + " has no yaml block");
        Path yaml = folder.resolve("jenkins.yaml");
        Files.writeString(yaml, block.group(1), StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(yaml.toString());
    }

    @Test
    void importsEverySettingAsTheDocumentationWritesIt(JenkinsRule j) throws Exception {
        applyDocumentedYaml();

        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        assertEquals("https://api.codegen.com", global.getApiUrl());
        assertEquals("codegen-token", global.getCredentialsId());
        assertEquals(4242L, global.getOrgId());
        assertEquals("/usr/bin/python3", global.getPythonPath());
        assertEquals(45, global.getTimeout());
        assertEquals(5, global.getMaxRetries());
        assertEquals(2, global.getBaseDelay());
        assertEquals(1.5, global.getBackoffMultiplier(), "the documented decimal is applied, not dropped");
        assertEquals("comprehensive", global.getOptimizationLevel());
        assertEquals(12000, global.getMaxPromptLength());
        assertFalse(global.isIncludeExamples());
        assertFalse(global.isMock());
        assertEquals(10, global.getPollInterval());
        assertEquals("rest", global.getBackend());
        assertFalse(global.isDebugLogging());
        assertEquals(2, global.getMaxFixesPerDay());
        assertEquals("codegen", global.getCodegenBranchPrefix());
    }

    @Test
    void exportsWhatItImportedAndTheExportAppliesAgain(JenkinsRule j) throws Exception {
        applyDocumentedYaml();
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode codegen = Util.getUnclassifiedRoot(context).get("codegen");

        String exported = Util.toYamlString(codegen);

        for (String line : List.of("apiUrl: \"https://api.codegen.com\"", "credentialsId: \"codegen-token\"",
                "orgId: 4242", "pythonPath: \"/usr/bin/python3\"", "timeout: 45", "maxRetries: 5", "baseDelay: 2",
                "optimizationLevel: \"comprehensive\"", "maxPromptLength: 12000", "includeExamples: false",
                "pollInterval: 10", "backend: \"rest\"", "maxFixesPerDay: 2")) {
            assertTrue(exported.contains(line), "exported YAML lacks " + line + ":\n" + exported);
        }
        // JCasC exports a double quoted, which is the form that survives being applied again.
        assertTrue(exported.contains("backoffMultiplier: \"1.5\""), exported);

        // What View Configuration shows must work when pasted back.
        CodegenGlobalConfiguration.get().setBackoffMultiplier(3.0);
        Path again = folder.resolve("exported.yaml");
        Files.writeString(again, "unclassified:\n  codegen:\n" + exported.indent(4), StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(again.toString());
        assertEquals(1.5, CodegenGlobalConfiguration.get().getBackoffMultiplier(), exported);
    }

    @Test
    void aValueOutOfTheEnginesRangeIsRefusedNamingTheKeyAndNotStored(JenkinsRule j) throws Exception {
        // Quoted, as a decimal must be (an unquoted one is dropped by Configuration as Code itself).
        Map<String, String> refusals = Map.of("backoffMultiplier: \"0.5\"", "backoffMultiplier is 0.5; it must be at least 1",
                "timeout: 0", "timeout is 0 minutes; it must be longer than zero",
                "pollInterval: 0", "pollInterval is 0 seconds; it must be at least 1 second",
                "maxPromptLength: 50", "maxPromptLength is 50; it must be from 200 to 100,000 characters");

        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            Path yaml = folder.resolve("refused.yaml");
            Files.writeString(yaml, "unclassified:\n  codegen:\n    " + refusal.getKey() + "\n", StandardCharsets.UTF_8);

            ConfiguratorException refused = assertThrows(ConfiguratorException.class,
                    () -> ConfigurationAsCode.get().configure(yaml.toString()), refusal.getKey());

            String key = refusal.getKey().substring(0, refusal.getKey().indexOf(':'));
            assertTrue(refused.getMessage().contains(key), refused.getMessage());
            assertTrue(causes(refused).contains(refusal.getValue()), causes(refused));
        }
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        assertEquals(CodegenDefaults.DEFAULT_BACKOFF_MULTIPLIER, global.getBackoffMultiplier());
        assertEquals(CodegenDefaults.DEFAULT_TIMEOUT_MINUTES, global.getTimeout());
        assertEquals(CodegenDefaults.DEFAULT_POLL_INTERVAL_SECONDS, global.getPollInterval());
        assertEquals(CodegenDefaults.DEFAULT_MAX_PROMPT_LENGTH, global.getMaxPromptLength());
    }

    private static String causes(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append(" | ");
        }
        return messages.toString();
    }
}

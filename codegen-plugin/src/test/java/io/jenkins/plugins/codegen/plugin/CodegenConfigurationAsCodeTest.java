package io.jenkins.plugins.codegen.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The global configuration under its symbol {@code codegen}: imported from YAML and exported back. */
@WithJenkinsConfiguredWithCode
class CodegenConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void importsEverySetting(JenkinsConfiguredWithCodeRule j) {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        assertEquals("https://codegen.example.org", global.getApiUrl());
        assertEquals("codegen-token", global.getCredentialsId());
        assertEquals(4242L, global.getOrgId());
        assertEquals("/opt/python3.12/bin/python3", global.getPythonPath());
        assertEquals(45, global.getTimeout());
        assertEquals(5, global.getMaxRetries());
        assertEquals(2, global.getBaseDelay());
        assertEquals(1.5, global.getBackoffMultiplier());
        assertEquals("comprehensive", global.getOptimizationLevel());
        assertEquals(12000, global.getMaxPromptLength());
        assertFalse(global.isIncludeExamples());
        assertFalse(global.isMock());
        assertEquals(10, global.getPollInterval());
        assertEquals("sdk", global.getBackend());
        assertTrue(global.isDebugLogging());
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsWhatItImported(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfiguratorRegistry registry = ConfiguratorRegistry.get();
        ConfigurationContext context = new ConfigurationContext(registry);
        CNode codegen = Util.getUnclassifiedRoot(context).get("codegen");

        String exported = Util.toYamlString(codegen);

        for (String line : List.of("apiUrl: \"https://codegen.example.org\"", "credentialsId: \"codegen-token\"",
                "orgId: 4242", "pythonPath: \"/opt/python3.12/bin/python3\"", "timeout: 45", "maxRetries: 5",
                "baseDelay: 2", "backoffMultiplier: 1.5", "optimizationLevel: \"comprehensive\"",
                "maxPromptLength: 12000", "includeExamples: false", "pollInterval: 10", "backend: \"sdk\"",
                "debugLogging: true")) {
            assertTrue(exported.contains(line), "exported YAML lacks " + line + ":\n" + exported);
        }
    }
}

package io.jenkins.plugins.codegen.plugin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.Util;
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
 * The global values for a whole Jenkins (budgets, automatic fixes) in Configuration as Code, applied
 * from the YAML exactly as docs/administration.md prints it, exported, and applied again.
 */
@WithJenkins
class RolloutConfigurationAsCodeTest {
    private static final Path DOCS = Path.of("..", "docs", "administration.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path folder;

    /** The documented block that sets these values (the page may hold other YAML). */
    private String documentedYaml() throws Exception {
        Matcher block = YAML_BLOCK.matcher(Files.readString(DOCS, StandardCharsets.UTF_8));
        while (block.find()) {
            if (block.group(1).contains("autoFixMaxRunning")) {
                return block.group(1);
            }
        }
        throw new AssertionError(DOCS + " has no yaml block with the automatic-fix values");
    }

    private void apply(String yamlText) throws Exception {
        Path yaml = folder.resolve("jenkins.yaml");
        Files.writeString(yaml, yamlText, StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(yaml.toString());
    }

    @Test
    void importsTheDocumentedValuesExportsThemAndTheExportAppliesAgain(JenkinsRule j) throws Exception {
        apply(documentedYaml());

        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        assertEquals(100, global.getBudgetPerHour());
        assertEquals(1000, global.getBudgetPerDay());
        assertTrue(global.isAutoFix());
        assertEquals("main master release/*", global.getAutoFixBranches());
        assertEquals(false, global.isAutoFixPullRequests());
        assertEquals(2, global.getAutoFixLimits().maxRunning());
        assertEquals(10, global.getAutoFixLimits().maxWaiting());
        assertEquals(4242L, global.getOrgId());

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = Util.toYamlString(Util.getUnclassifiedRoot(context).get("codegen"));
        for (String line : List.of("budgetPerHour: 100", "budgetPerDay: 1000", "autoFix: true",
                "autoFixBranches: \"main master release/*\"", "autoFixMaxRunning: 2", "autoFixMaxWaiting: 10")) {
            assertTrue(exported.contains(line), "exported YAML lacks " + line + ":\n" + exported);
        }

        global.setBudgetPerHour(null);
        global.setAutoFix(false);
        apply("unclassified:\n  codegen:\n" + exported.indent(4));
        assertEquals(100, global.getBudgetPerHour(), exported);
        assertTrue(global.isAutoFix(), exported);
    }

    @Test
    void aValueOutOfRangeIsRefusedNamingTheKeyAndNotStored(JenkinsRule j) throws Exception {
        Map<String, String> refusals = Map.of("budgetPerHour: 20000", "budgetPerHour is 20000",
                "budgetPerDay: -1", "budgetPerDay is -1",
                "autoFixMaxRunning: 0", "autoFixMaxRunning is 0: give a number from 1 to 100",
                "autoFixMaxWaiting: 101", "autoFixMaxWaiting is 101: give a number from 0 to 100");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            ConfiguratorException refused = assertThrows(ConfiguratorException.class,
                    () -> apply("unclassified:\n  codegen:\n    " + refusal.getKey() + "\n"), refusal.getKey());
            assertTrue(causes(refused).contains(refusal.getValue()), causes(refused));
        }
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        assertNull(global.getBudgetPerHour());
        assertNull(global.getBudgetPerDay());
        assertEquals(2, global.getAutoFixMaxRunning());
        assertEquals(10, global.getAutoFixMaxWaiting());
    }

    private static String causes(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append(" | ");
        }
        return messages.toString();
    }
}

package io.jenkins.plugins.codegen.plugin.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javaposse.jobdsl.plugin.ExecuteDslScripts;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** A folder's and a job's Codegen settings from Job DSL, the folder's exactly as docs/administration.md prints it. */
@WithJenkins
class CodegenJobDslTest {
    private static final Path DOCS = Path.of("..", "docs", "administration.md");
    private static final Pattern GROOVY_BLOCK = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL);

    private static String documentedScript() throws Exception {
        Matcher block = GROOVY_BLOCK.matcher(Files.readString(DOCS, StandardCharsets.UTF_8));
        while (block.find()) {
            if (block.group(1).contains("codegen {")) {
                return block.group(1);
            }
        }
        throw new AssertionError(DOCS + " has no groovy block with a folder's codegen property");
    }

    private static FreeStyleBuild seed(JenkinsRule r, String script, Result expected) throws Exception {
        FreeStyleProject seed = r.createFreeStyleProject();
        ExecuteDslScripts dsl = new ExecuteDslScripts();
        dsl.setScriptText(script);
        dsl.setUseScriptText(true);
        seed.getBuildersList().add(dsl);
        return r.buildAndAssertStatus(expected, seed);
    }

    @Test
    void theDocumentedScriptMakesTheFolderWithItsSettings(JenkinsRule r) throws Exception {
        seed(r, documentedScript() + "\npipelineJob('team-a/app') { properties { codegenJob { autoFix(false) } } }\n",
                Result.SUCCESS);

        Folder folder = r.jenkins.getItemByFullName("team-a", Folder.class);
        CodegenFolderProperty settings = folder.getProperties().get(CodegenFolderProperty.class);
        assertNotNull(settings, "the folder has its Codegen settings");
        assertEquals("team-a-codegen-token", settings.getCredentialsId());
        assertEquals(42L, settings.getOrgId());
        assertEquals(45, settings.getTimeout());
        assertEquals(10, settings.getBudgetPerHour());
        assertEquals(100, settings.getBudgetPerDay());
        assertTrue(settings.getAutoFix());
        assertEquals("main release/*", settings.getAutoFixBranches());
        assertNull(settings.getMock(), "what the script does not set stays inherited");

        WorkflowJob app = r.jenkins.getItemByFullName("team-a/app", WorkflowJob.class);
        AutoFixRule rule = AutoFixRules.of(app);
        assertFalse(rule.enabled(), "the job's own codegenJob wins over its folder");
        assertEquals("job team-a/app", rule.enabledFrom());
        assertEquals("organization 42 from folder team-a", ScopeSettings.resolve(app, null).orgId().provenance());
    }

    @Test
    void aValueTheFormWouldRefuseFailsTheSeedJobNamingIt(JenkinsRule r) throws Exception {
        FreeStyleBuild seed = seed(r, "folder('team-b') { properties { codegen { budgetPerDay(20000) } } }",
                Result.FAILURE);

        r.assertLogContains("budgetPerDay is 20000", seed);
    }
}

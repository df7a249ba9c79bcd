package io.jenkins.plugins.codegen.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.prompt.PromptOptimizer;
import io.jenkins.plugins.codegen.prompt.PromptOptions;
import io.jenkins.plugins.codegen.task.TaskValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The credentials builds really print, in their common shapes, never reach the agent's prompt;
 * the lines the agent needs to read a failure stay as they were.
 */
class RedactorCorpusTest {
    private final Redactor redactor = Redactor.withoutKnownSecrets();

    static List<SecretCorpus.Entry> secrets() {
        return SecretCorpus.entries();
    }

    static List<String> ordinaryLines() {
        return SecretCorpus.ordinaryLines();
    }

    @Test
    void theCorpusHasAtLeastThirtyShapes() {
        assertThat(secrets()).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void aSecretIsRedactedFromTheLogExcerpt(SecretCorpus.Entry entry) {
        LogExcerpt excerpt = LogExcerpt.of(entry.lines(), entry.lines().size(), LogExcerpt.MAX_LINES, redactor);

        String sent = String.join("\n", excerpt.lines());
        assertThat(SecretCorpus.leaks(sent, entry.secrets())).as(sent).isEmpty();
        assertThat(sent).contains(Redactor.REDACTED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void aSecretIsRedactedFromATestsMessageAndStack(SecretCorpus.Entry entry) {
        FailedTest test = FailedTest.of("com.acme.DeployTest", "deploys", true, "Deploy failed:\n" + entry.text(),
                "java.lang.IllegalStateException: Deploy failed:\n" + entry.text()
                        + "\n\tat com.acme.Deployer.deploy(Deployer.java:12)", redactor);

        String sent = test.describe();
        assertThat(SecretCorpus.leaks(sent, entry.secrets())).as(sent).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ordinaryLines")
    void anOrdinaryLineStaysReadable(String line) {
        assertThat(redactor.redact(line)).isEqualTo(line);
    }

    @Test
    void noSecretOfTheCorpusReachesTheFixPrompt() throws CodegenException {
        List<String> log = new ArrayList<>(SecretCorpus.ordinaryLines());
        List<FailedTest> tests = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        int i = 0;
        for (SecretCorpus.Entry entry : secrets()) {
            log.addAll(entry.lines());
            secrets.addAll(entry.secrets());
            tests.add(FailedTest.of("com.acme.DeployTest", "deploys" + i++, false, entry.text(),
                    "org.opentest4j.AssertionFailedError: " + entry.text() + "\n\tat com.acme.DeployTest.deploys"
                            + "(DeployTest.java:12)", redactor));
        }
        log.add("[ERROR] BUILD FAILURE");
        BuildFailure failure = new BuildFailure("webapp-main", "https://ci.acme.com/job/webapp-main/7/",
                CodeLocation.of("https://github.com/acme/webapp.git", "main", "3f2a9c0d1e4b5a67f8091a2b3c4d5e6f70819a2b"),
                new FailureEvidence(LogExcerpt.of(log, log.size(), LogExcerpt.MAX_LINES, redactor), tests), "");
        FixTask fix = FixTask.of(failure);
        TaskValidator.requireValid(fix.task(), fix.context());

        String prompt = new PromptOptimizer(PromptOptions.defaults().withLevel(OptimizationLevel.STANDARD)
                .withMaxPromptLength(PromptOptions.LARGEST_MAX_PROMPT_LENGTH)).optimize(fix.task(), fix.context()).text();

        assertThat(prompt).contains("[ERROR] BUILD FAILURE", "deploys" + (i - 1), "Checking out Revision 3f2a9c0d1e4b");
        assertThat(SecretCorpus.leaks(prompt, secrets)).isEmpty();
    }
}

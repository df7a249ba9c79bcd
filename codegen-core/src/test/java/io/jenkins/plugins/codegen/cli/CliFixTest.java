package io.jenkins.plugins.codegen.cli;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code codegen fix}: a failed build of any CI system, from its log and reports to a pull request. */
class CliFixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FAILED_BUILD = Cli.EXAMPLES.resolve("failed-build");
    private static final String TOKEN = "cg-cli-fix-token-7c1d";

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    @TempDir
    Path temp;

    private static String commit() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE) + "0123456789abcdef01234567";
    }

    private static String[] fix(String commit, String... more) {
        List<String> args = new ArrayList<>(List.of("fix", "--log", FAILED_BUILD.resolve("console.log").toString(),
                "--junit", FAILED_BUILD.resolve("surefire-reports").toString(),
                "--repository", "git@github.com:acme/webapp.git", "--branch", "origin/main", "--commit", commit,
                "--job", "webapp-main", "--build-url", "https://ci.acme.com/job/webapp-main/42/"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Against the shared simulator, as a CI system would call Codegen: token in the environment. */
    private static Cli.Result againstSimulator(String spec, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api-url", SIMULATOR.url(spec), "--org-id", "1"));
        return new Cli().env("CODEGEN_TOKEN", TOKEN).run(all.toArray(String[]::new));
    }

    private static long runsOf(String commit) throws Exception {
        return SIMULATOR.listedRuns().stream().filter(run -> run.get("metadata") instanceof Map<?, ?> metadata
                && ("fix-" + commit.substring(0, 7)).equals(metadata.get("task_id"))).count();
    }

    @Test
    void aMockFixPrintsThePullRequestLikeRun() {
        Cli.Result result = new Cli().run(fix(commit(), "--mock", "--scenario", "instant"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Status:       SUCCEEDED")
                .containsPattern("Pull request: #1 Fix the failing build of webapp-main at [0-9a-f]{7}")
                .contains("https://github.com/acme/webapp/pull/1")
                .containsPattern("Failure:      tests:[0-9a-f]{16}\n");
        assertThat(result.stderr()).contains("No earlier fix of this failure was found; starting one")
                .contains("Agent run 1 created");
    }

    @Test
    void theSameFailureTwiceAgainstTheSameApiMakesOneRunAndTheSecondReportsIt() throws Exception {
        String commit = commit();
        String spec = unique("instant");

        Cli.Result first = againstSimulator(spec, fix(commit));
        Cli.Result second = againstSimulator(spec, fix(commit, "--json"));

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(runsOf(commit)).isEqualTo(1);
        JsonNode json = JSON.readTree(second.stdout());
        assertThat(json.path("foundEarlierRun").asBoolean()).isTrue();
        assertThat(json.path("fix").asBoolean()).isTrue();
        assertThat(first.stdout()).contains(json.path("prUrl").asText()).doesNotContain("earlier fix");
        assertThat(second.stderr()).contains("was started by an earlier fix of this failure");

        Cli.Result forced = againstSimulator(spec, fix(commit, "--force"));
        assertThat(forced.exitCode()).isZero();
        assertThat(runsOf(commit)).isEqualTo(2);
    }

    @Test
    void whatLeavesTheMachineIsRedacted() throws Exception {
        Path log = Files.writeString(temp.resolve("console.log"), String.join("\n",
                "+ curl -H 'Authorization: Bearer " + TOKEN + "' https://api.acme.com",
                "+ export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "+ git clone https://builder:hunter2@git.acme.com/acme/webapp.git",
                "ERROR: deploy failed"));
        String spec = unique("instant");

        Cli.Result result = againstSimulator(spec, "fix", "--log", log.toString(), "--repository", "acme/webapp",
                "--branch", "main", "--commit", commit());

        assertThat(result.exitCode()).isZero();
        String prompt = (String) SIMULATOR.runs(spec).get(0).get("prompt");
        assertThat(prompt).contains("Bearer ****", "AWS_SECRET_ACCESS_KEY=[redacted]", "builder:[redacted]@",
                "ERROR: deploy failed").doesNotContain(TOKEN, "wJalrXUtnFEMI", "hunter2");
    }

    @Test
    void aBranchCodegenMadeIsSkippedWithTheReasonAndNothingIsSent() {
        Cli.Result result = new Cli().run("fix", "--mock", "--log", FAILED_BUILD.resolve("console.log").toString(),
                "--repository", "acme/webapp", "--branch", "origin/codegen/run-7", "--commit", commit());

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("Codegen fix skipped: branch codegen/run-7 was made by Codegen")
                .doesNotContain("Agent run");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void aMissingLogOrABadCommitIsInvalidInputAndSendsNothing() {
        Cli.Result missing = new Cli().run("fix", "--mock", "--log", "no-such.log", "--repository", "acme/webapp",
                "--branch", "main", "--commit", commit());
        Cli.Result badCommit = new Cli().run("fix", "--mock", "--log", FAILED_BUILD.resolve("console.log").toString(),
                "--repository", "acme/webapp", "--branch", "main", "--commit", "HEAD");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("--log 'no-such.log' not found");
        assertThat(badCommit.exitCode()).isEqualTo(2);
        assertThat(badCommit.stderr()).contains("'HEAD' is no commit id");
    }
}

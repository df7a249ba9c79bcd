package io.jenkins.plugins.codegen.fix;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.integrator.ClientRequestId;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once per failure, against the simulated Codegen API: a later build of the same commit that fails
 * the same way follows the first fix's agent run; the runs are counted through the API's list.
 */
class FixRunnerTest {
    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    private LocalBridgeLauncher launcher;
    private final List<Progress> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        launcher = new LocalBridgeLauncher();
    }

    @AfterEach
    void tearDown() throws Exception {
        launcher.close();
    }

    /** A commit of this test's own, so that the runs of other tests never count. */
    private static String commit() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE) + "0123456789abcdef01234567";
    }

    private static BuildFailure failure(String commit, int buildNumber, String failingTest) throws CodegenException {
        String workspace = "/var/lib/jenkins/workspace/webapp@" + buildNumber;
        List<String> log = FailureSignatureTest.mavenLog(buildNumber, workspace, "2025-05-0" + buildNumber % 10
                + " 12:0" + buildNumber % 10 + ":44", failingTest);
        return new BuildFailure("webapp-main", "https://ci.acme.com/job/webapp-main/" + buildNumber + "/",
                CodeLocation.of("https://github.com/acme/webapp.git", "origin/main", commit),
                new FailureEvidence(LogExcerpt.of(log, log.size(), 200, Redactor.withoutKnownSecrets()), List.of()),
                workspace);
    }

    private FixResult fix(BuildFailure failure, boolean force) throws Exception {
        return fix(failure, force, Backend.REST);
    }

    private FixResult fix(BuildFailure failure, boolean force, Backend backend) throws Exception {
        try (CodegenIntegrator engine = engine(backend)) {
            return new FixRunner(engine).run(failure, force, progress::add);
        }
    }

    private CodegenIntegrator engine(Backend backend) throws Exception {
        CodegenSettings settings = CodegenSettings.builder().token("cg-fix-runner-token").orgId(1L)
                .apiUrl(SIMULATOR.url(unique("instant"))).pythonPath(TestPython.interpreter())
                .requestTimeout(Duration.ofSeconds(60)).backend(backend).build();
        return CodegenIntegrator.builder(settings, launcher).build();
    }

    private static List<Map<String, Object>> runsFor(String commit) throws Exception {
        String taskId = "fix-" + commit.substring(0, 7);
        return SIMULATOR.listedRuns().stream()
                .filter(run -> run.get("metadata") instanceof Map<?, ?> metadata && taskId.equals(metadata.get("task_id")))
                .toList();
    }

    @Test
    void aSecondBuildThatFailsTheSameWayFollowsTheFirstFixsRun() throws Exception {
        String commit = commit();

        FixResult first = fix(failure(commit, 41, "com.acme.SignupTest.rejectsEmptyEmail"), false);
        FixResult second = fix(failure(commit, 42, "com.acme.SignupTest.rejectsEmptyEmail"), false);

        assertThat(first.result().succeeded()).isTrue();
        assertThat(first.foundEarlierRun()).isFalse();
        assertThat(second.foundEarlierRun()).isTrue();
        assertThat(second.result().runId()).isEqualTo(first.result().runId());
        assertThat(second.result().prUrl()).isEqualTo(first.result().prUrl()).startsWith("https://github.com/acme/webapp/pull/");
        assertThat(runsFor(commit)).singleElement().satisfies(run ->
                assertThat(((Map<?, ?>) run.get("metadata")).get("client_request_id")).isEqualTo(first.clientRequestId()));
        assertThat(progress).extracting(Progress::message).contains(
                "No earlier fix of this failure was found; starting one")
                .anyMatch(line -> line.startsWith("Agent run " + first.result().runId()
                        + " was started by an earlier fix of this failure"));
    }

    /**
     * A fix tells its caller where its bridge runs (as a task does), and one picked up again with the
     * tag it kept, its bridge gone, finds its run instead of starting another.
     */
    @Test
    void aFixPickedUpAgainWithItsTagFollowsItsRunAndStartsNoOther() throws Exception {
        String commit = commit();
        BuildFailure failure = failure(commit, 41, "com.acme.SignupTest.rejectsEmptyEmail");
        ClientRequestId tag = FixRunner.requestId(failure, true);
        AtomicReference<BridgeState> started = new AtomicReference<>();
        FixResult first;
        try (CodegenIntegrator engine = engine(Backend.REST)) {
            first = new FixRunner(engine).run(failure, tag, new ProgressListener() {
                @Override
                public void onProgress(Progress p) {
                    progress.add(p);
                }

                @Override
                public void onBridgeStarted(BridgeState state) {
                    started.set(state);
                }
            }, null);
        }
        assertThat(first.result().succeeded()).isTrue();
        assertThat(started.get()).as("the caller was told where the fix's bridge runs").isNotNull();
        assertThat(first.clientRequestId()).isEqualTo(tag.value());

        // The bridge's folder is gone by now (the fix ended); the run is found by the kept tag.
        FixResult again;
        try (CodegenIntegrator engine = engine(Backend.REST)) {
            again = new FixRunner(engine).run(failure, tag, progress::add,
                    new BridgeState(started.get().folder(), 0, null, null));
        }
        assertThat(again.result().succeeded()).isTrue();
        assertThat(again.result().runId()).isEqualTo(first.result().runId());
        assertThat(runsFor(commit)).hasSize(1);
    }

    @Test
    void aRebuildFindsTheFirstFixsRunBehindHundredsOfNewerRuns() throws Exception {
        // A busy organization: 310 runs were made between the first failure and its rebuild.
        String commit = commit();
        FixResult first = fix(failure(commit, 41, "com.acme.SignupTest.rejectsEmptyEmail"), false);
        SIMULATOR.createRuns(310);

        FixResult second = fix(failure(commit, 42, "com.acme.SignupTest.rejectsEmptyEmail"), false);

        assertThat(second.foundEarlierRun()).isTrue();
        assertThat(second.result().runId()).isEqualTo(first.result().runId());
        assertThat(runsFor(commit)).hasSize(1);
    }

    @Test
    void aDifferentFailingTestOrForceStartsAnotherRun() throws Exception {
        String commit = commit();

        FixResult signup = fix(failure(commit, 41, "com.acme.SignupTest.rejectsEmptyEmail"), false);
        FixResult checkout = fix(failure(commit, 42, "com.acme.CheckoutTest.appliesDiscount"), false);
        FixResult forced = fix(failure(commit, 43, "com.acme.SignupTest.rejectsEmptyEmail"), true);

        assertThat(checkout.signature()).isNotEqualTo(signup.signature());
        assertThat(forced.signature()).isEqualTo(signup.signature());
        assertThat(List.of(checkout.foundEarlierRun(), forced.foundEarlierRun())).containsOnly(false);
        assertThat(runsFor(commit)).hasSize(3);
    }

    @Test
    void theSdkBackendCannotTagRunsSoAFixRefusesItAndAutoUsesRest() throws Exception {
        String commit = commit();

        FixResult sdk = fix(failure(commit, 41, "com.acme.SignupTest.rejectsEmptyEmail"), false, Backend.SDK);
        assertThat(sdk.result().errorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(sdk.result().errorMessage()).contains("cannot tag runs");
        assertThat(sdk.result().guidance()).contains("rest or auto backend");
        assertThat(runsFor(commit)).isEmpty();

        FixResult auto = fix(failure(commit, 42, "com.acme.SignupTest.rejectsEmptyEmail"), false, Backend.AUTO);
        FixResult again = fix(failure(commit, 43, "com.acme.SignupTest.rejectsEmptyEmail"), false, Backend.AUTO);
        assertThat(auto.result().succeeded()).isTrue();
        assertThat(again.foundEarlierRun()).isTrue();
        assertThat(runsFor(commit)).hasSize(1);
    }
}

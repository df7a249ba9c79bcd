package io.jenkins.plugins.codegen.integrator;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine end to end when the API refuses or drops a call: what is retried, what is not, and
 * never a second agent run.
 */
class EngineRetryTest extends EngineTestBase {
    @Test
    void createAnswered429ThenAcceptedCreatesExactlyOneRun() throws Exception {
        String spec = unique("fault=429;phase=create;times=1;retry_after=1");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        assertThat(progress).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Progress.Kind.RETRY);
            assertThat(p.message()).contains("rate_limit");
        });
    }

    @Test
    void createWhoseAnswerWasDroppedAfterTheServerStoredItEndsWithOneRun() throws Exception {
        String spec = unique("fault=drop_after;phase=create;times=1");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        assertThat(progress).anySatisfy(p -> assertThat(p.message()).contains("created by the earlier attempt"));
    }

    @Test
    void notWaitingStillCreatesExactlyOnceWhenTheCreatesAnswerWasDropped() throws Exception {
        String spec = unique("fault=drop_after;phase=create;times=1;polls=3");
        TaskResult result;
        try (CodegenIntegrator engine = CodegenIntegrator.builder(settings(spec).build(), launcher).waitForRun(false)
                .build()) {
            result = engine.processTask(task("Add input validation"), context(), progress::add);
        }

        assertThat(result.status()).as(result.errorMessage()).isEqualTo(TaskStatus.ACTIVE);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        assertThat(SIMULATOR.runs(spec).get(0).get("id")).isEqualTo(result.runId().intValue());
    }

    @Test
    void createDroppedBeforeTheServerStoredItIsCreatedOnce() throws Exception {
        String spec = unique("fault=drop_before;phase=create;times=1");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isTrue();
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void serverErrorOnCreateIsRetriedWithoutASecondRun() throws Exception {
        String spec = unique("fault=500;phase=create;times=2");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void pollFailureResumesTheSameRun() throws Exception {
        String spec = unique("fault=503;phase=poll;times=1;polls=2");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
        assertThat(progress).anySatisfy(p -> assertThat(p.message()).contains("following agent run " + result.runId()));
    }

    @Test
    void persistentServerErrorsGiveUpAfterTheRetries() throws Exception {
        String spec = unique("unavailable_503");
        TaskResult result = process(spec);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.errorType()).isEqualTo(ErrorType.SERVER);
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.retryable()).isTrue();
        assertThat(SIMULATOR.runs(spec)).isEmpty();
    }

    @Test
    void authenticationFailureIsNotRetriedAndSaysWhatToDo() throws Exception {
        String spec = unique("auth_401");
        TaskResult result = process(spec);
        assertThat(result.errorType()).isEqualTo(ErrorType.AUTHENTICATION);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.guidance()).contains("codegen.com/token");
        assertThat(result.errorMessage()).doesNotContain(TOKEN);
        assertThat(SIMULATOR.runs(spec)).isEmpty();
    }

    @Test
    void sdkCreateWithUnknownOutcomeIsNotRetried() throws Exception {
        launcher = new LocalBridgeLauncher(Map.of("PYTHONPATH", TestPython.pythonTestFolder("sdk_double").toString()));
        String spec = unique("fault=drop_after;phase=create;times=1");
        TaskResult result = process(spec, settings(spec).backend(Backend.SDK));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.guidance()).contains("https://codegen.com/agents");
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }

    @Test
    void sdkCreateRefusedWith429IsRetried() throws Exception {
        launcher = new LocalBridgeLauncher(Map.of("PYTHONPATH", TestPython.pythonTestFolder("sdk_double").toString()));
        String spec = unique("fault=429;phase=create;times=1;retry_after=1");
        TaskResult result = process(spec, settings(spec).backend(Backend.SDK));
        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(SIMULATOR.runs(spec)).hasSize(1);
    }
}

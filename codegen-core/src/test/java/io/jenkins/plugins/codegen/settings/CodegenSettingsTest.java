package io.jenkins.plugins.codegen.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.retry.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodegenSettingsTest {

    /** Every option changed from its default, so that a forgotten copy shows. */
    static CodegenSettings everythingChanged() {
        return CodegenSettings.builder(Environment.STAGING).token("tok-1").orgId(42L).apiUrl("https://codegen.example")
                .pythonPath("/usr/bin/python3.12").timeout(Duration.ofMinutes(45)).requestTimeout(Duration.ofSeconds(20))
                .maxRetries(5).baseDelay(Duration.ofMillis(500)).backoffMultiplier(1.5).maxDelay(Duration.ofMinutes(1))
                .optimizationLevel(OptimizationLevel.COMPREHENSIVE).maxPromptLength(12_000).includeExamples(false)
                .mock(true).mockScenario("rate_limited").tracking(false).debugLogging(false).backend(Backend.AUTO)
                .pollInterval(Duration.ofSeconds(2)).maxPollInterval(Duration.ofMinutes(1)).maxConcurrentBridges(8)
                .timeScale(60).build();
    }

    @Test
    void defaultsAreThoseOfProduction() {
        CodegenSettings settings = CodegenSettings.builder().build();

        assertThat(settings.environment()).isEqualTo(Environment.PRODUCTION);
        assertThat(settings.token()).isEmpty();
        assertThat(settings.orgId()).isEmpty();
        assertThat(settings.apiUrl()).isEqualTo("https://api.codegen.com");
        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxRetries()).isEqualTo(3);
        assertThat(settings.baseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoffMultiplier()).isEqualTo(2.0);
        assertThat(settings.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.optimizationLevel()).isEqualTo(OptimizationLevel.STANDARD);
        assertThat(settings.maxPromptLength()).isEqualTo(8_000);
        assertThat(settings.includeExamples()).isTrue();
        assertThat(settings.mock()).isFalse();
        assertThat(settings.mockScenario()).isEqualTo("success");
        assertThat(settings.tracking()).isTrue();
        assertThat(settings.debugLogging()).isFalse();
        assertThat(settings.backend()).isEqualTo(Backend.REST);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxPollInterval()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.maxConcurrentBridges()).isEqualTo(64);
        assertThat(settings.timeScale()).isEqualTo(1.0);
        assertThat(settings).isEqualTo(CodegenSettings.builder(Environment.PRODUCTION).build());
    }

    @ParameterizedTest
    @CsvSource({"Linux, python3", "Mac OS X, python3", "FreeBSD, python3", "Windows 11, python",
            "Windows Server 2022, python", "'', python3"})
    void thePythonInterpreterDependsOnTheOperatingSystem(String osName, String expected) {
        assertThat(CodegenSettings.Builder.defaultPythonPath(osName)).isEqualTo(expected);
    }

    @Test
    void theDefaultPythonPathFollowsThisMachine() {
        String expected = System.getProperty("os.name").startsWith("Windows") ? "python" : "python3";

        assertThat(CodegenSettings.builder().build().pythonPath()).isEqualTo(expected);
    }

    @Test
    void everyOptionCanBeSet() {
        CodegenSettings settings = everythingChanged();

        assertThat(settings.sanitized()).containsExactly(
                entry("token", "****"),
                entry("orgId", 42L),
                entry("apiUrl", "https://codegen.example"),
                entry("pythonPath", "/usr/bin/python3.12"),
                entry("timeout", "45m"),
                entry("requestTimeout", "20s"),
                entry("maxRetries", 5),
                entry("baseDelay", "500ms"),
                entry("backoffMultiplier", 1.5),
                entry("maxDelay", "1m"),
                entry("optimizationLevel", "comprehensive"),
                entry("maxPromptLength", 12_000),
                entry("includeExamples", false),
                entry("mock", true),
                entry("mockScenario", "rate_limited"),
                entry("tracking", false),
                entry("environment", "staging"),
                entry("debugLogging", false),
                entry("backend", "auto"),
                entry("pollInterval", "2s"),
                entry("maxPollInterval", "1m"),
                entry("maxConcurrentBridges", 8),
                entry("timeScale", 60.0));
        assertThat(settings.token()).contains("tok-1");
    }

    @Test
    void toBuilderKeepsEveryOption() {
        CodegenSettings settings = everythingChanged();

        assertThat(settings.toBuilder().build()).isEqualTo(settings).hasSameHashCodeAs(settings);
        assertThat(settings.toBuilder().timeScale(1).build()).isNotEqualTo(settings);
    }

    @Test
    void settingsDoNotChangeWithTheBuilderTheyCameFrom() {
        CodegenSettings.Builder builder = CodegenSettings.builder().mock(true).timeout(Duration.ofMinutes(5));
        CodegenSettings built = builder.build();
        CodegenSettings.Builder again = built.toBuilder();

        builder.timeout(Duration.ofMinutes(6)).inputError(new FieldError("X", "is bad", "Fix it."));
        again.timeout(Duration.ofMinutes(7)).inputError(new FieldError("Y", "is bad", "Fix it."));

        assertThat(built.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(built.validate()).isEmpty();
        assertThat(builder.build().timeout()).isEqualTo(Duration.ofMinutes(6));
        assertThat(again.build().validate()).extracting(FieldError::field).containsExactly("Y");
    }

    @Test
    void settingsDifferingOnlyInTheTokenAreNotEqualButHashAlike() {
        CodegenSettings one = CodegenSettings.builder().token("token-one").build();
        CodegenSettings other = CodegenSettings.builder().token("token-two").build();

        assertThat(one).isNotEqualTo(other).hasSameHashCodeAs(other);
        assertThat(one.hashCode()).isEqualTo(CodegenSettings.builder().build().hashCode());
    }

    @Test
    void anEmptyTokenIsNoToken() {
        CodegenSettings settings = CodegenSettings.builder().token("").build();

        assertThat(settings.token()).isEmpty();
        assertThat(settings.sanitized()).containsEntry("token", null);
        assertThat(settings.toString()).contains("token=null");
    }

    @Test
    void theRetryPolicyIsMadeOfTheRetryOptions() {
        RetryPolicy policy = everythingChanged().retryPolicy();

        assertThat(policy).isEqualTo(RetryPolicy.builder().maxRetries(5).baseDelay(Duration.ofMillis(500))
                .backoffMultiplier(1.5).maxDelay(Duration.ofMinutes(1)).build());
        assertThat(CodegenSettings.builder().build().retryPolicy()).isEqualTo(RetryPolicy.defaults());
    }

    @Test
    void theSanitizedViewMasksAUserNameOrPasswordInTheApiUrl() {
        CodegenSettings settings = CodegenSettings.builder().apiUrl("https://robot:s3cret@codegen.example/api").build();

        assertThat(settings.sanitized()).containsEntry("apiUrl", "https://****@codegen.example/api");
        assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("robot");
    }

    @Test
    void toStringShowsTheSanitizedView() {
        CodegenSettings settings = CodegenSettings.builder().token("tok-1").orgId(7L).build();

        assertThat(settings.toString()).startsWith("CodegenSettings{token=****, orgId=7, apiUrl=https://api.codegen.com,")
                .contains("timeout=30m", "backend=rest", "environment=production");
    }

    @Test
    void theSanitizedViewCannotBeChanged() {
        assertThat(CodegenSettings.builder().build().sanitized()).isUnmodifiable();
    }
}

package io.jenkins.plugins.codegen.settings;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The value of every option, each starting at its production default (an {@link Environment} then
 * changes some): what a {@link CodegenSettings.Builder} fills in and a {@link CodegenSettings} keeps,
 * each a copy of its own. Also how the values print and compare with the token left out.
 */
final class SettingValues implements Cloneable {
    private static final String MASK = "****";
    private static final Pattern URL_USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

    final Environment environment;
    String token;
    Long orgId;
    String apiUrl = "https://api.codegen.com";
    String pythonPath = CodegenSettings.Builder.defaultPythonPath(System.getProperty("os.name", ""));
    Duration timeout = Duration.ofMinutes(30);
    Duration requestTimeout = Duration.ofSeconds(30);
    int maxRetries = RetryPolicy.DEFAULT_MAX_RETRIES;
    Duration baseDelay = RetryPolicy.DEFAULT_BASE_DELAY;
    double backoffMultiplier = RetryPolicy.DEFAULT_BACKOFF_MULTIPLIER;
    Duration maxDelay = RetryPolicy.DEFAULT_MAX_DELAY;
    OptimizationLevel optimizationLevel = OptimizationLevel.STANDARD;
    int maxPromptLength = 8_000;
    boolean includeExamples = true;
    boolean mock;
    String mockScenario = "success";
    boolean tracking = true;
    boolean debugLogging;
    Backend backend = Backend.REST;
    Duration pollInterval = Duration.ofSeconds(5);
    Duration maxPollInterval = Duration.ofSeconds(120);
    int maxConcurrentBridges = 64;
    double timeScale = 1.0;
    /** Values that could not be read, e.g. a malformed environment variable; reported by validation. */
    List<FieldError> inputErrors = new ArrayList<>();

    SettingValues(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** A copy that changes apart from this one (every other value is immutable). */
    SettingValues copy() {
        try {
            SettingValues copy = (SettingValues) super.clone();
            copy.inputErrors = new ArrayList<>(inputErrors);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** Every option by name, fit to print (see {@link CodegenSettings#sanitized()}). */
    Map<String, Object> sanitized() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("token", token == null ? null : MASK);
        view.put("orgId", orgId);
        view.put("apiUrl", URL_USER_INFO.matcher(apiUrl).replaceFirst("$1" + MASK + "@"));
        view.put("pythonPath", pythonPath);
        view.put("timeout", DurationText.format(timeout));
        view.put("requestTimeout", DurationText.format(requestTimeout));
        view.put("maxRetries", maxRetries);
        view.put("baseDelay", DurationText.format(baseDelay));
        view.put("backoffMultiplier", backoffMultiplier);
        view.put("maxDelay", DurationText.format(maxDelay));
        view.put("optimizationLevel", optimizationLevel.wireName());
        view.put("maxPromptLength", maxPromptLength);
        view.put("includeExamples", includeExamples);
        view.put("mock", mock);
        view.put("mockScenario", mockScenario);
        view.put("tracking", tracking);
        view.put("environment", environment.wireName());
        view.put("debugLogging", debugLogging);
        view.put("backend", backend.wireName());
        view.put("pollInterval", DurationText.format(pollInterval));
        view.put("maxPollInterval", DurationText.format(maxPollInterval));
        view.put("maxConcurrentBridges", maxConcurrentBridges);
        view.put("timeScale", timeScale);
        return Collections.unmodifiableMap(view);
    }

    /** Every value but the token, which takes no part in a hash. */
    List<Object> allButToken() {
        return Arrays.asList(environment, orgId, apiUrl, pythonPath, timeout, requestTimeout, maxRetries, baseDelay,
                backoffMultiplier, maxDelay, optimizationLevel, maxPromptLength, includeExamples, mock, mockScenario,
                tracking, debugLogging, backend, pollInterval, maxPollInterval, maxConcurrentBridges, timeScale,
                inputErrors);
    }
}

package io.jenkins.plugins.codegen.settings;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.error.CodegenException;
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
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every option of the engine, immutable. Built from an {@link Environment}'s defaults, then from
 * environment variables ({@link #fromEnvironment(Map)}) and whatever the caller sets.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>Option</th><th>Default</th><th>Variable</th><th>Meaning</th></tr>
 * <tr><td>token</td><td>none</td><td>{@code CODEGEN_TOKEN}</td><td>API token; required unless mock</td></tr>
 * <tr><td>orgId</td><td>none</td><td>{@code CODEGEN_ORG_ID}</td><td>organization id; required unless mock</td></tr>
 * <tr><td>apiUrl</td><td>{@code https://api.codegen.com}</td><td>{@code CODEGEN_API_URL}</td><td></td></tr>
 * <tr><td>pythonPath</td><td>{@code python3}; {@code python} on Windows</td><td>{@code PYTHON_PATH}</td>
 *     <td>the interpreter that runs the bridge</td></tr>
 * <tr><td>timeout</td><td>30 min</td><td>{@code CODEGEN_TIMEOUT}</td>
 *     <td>the whole task's deadline: every attempt, wait and the agent run itself</td></tr>
 * <tr><td>requestTimeout</td><td>30 s</td><td></td><td>each HTTP request</td></tr>
 * <tr><td>maxRetries, baseDelay, backoffMultiplier, maxDelay</td><td>3, 1 s, 2.0, 30 s</td><td></td>
 *     <td>the {@link #retryPolicy()}</td></tr>
 * <tr><td>optimizationLevel, maxPromptLength, includeExamples</td><td>standard, 8000, true</td><td></td>
 *     <td>how the prompt is built</td></tr>
 * <tr><td>mock, mockScenario</td><td>false, {@code success}</td><td>{@code CODEGEN_ENABLE_MOCK}</td>
 *     <td>talk to the simulated API instead of Codegen</td></tr>
 * <tr><td>tracking</td><td>true</td><td></td><td>record statistics</td></tr>
 * <tr><td>environment</td><td>production</td><td>{@code CODEGEN_ENVIRONMENT}</td>
 *     <td>which defaults apply; chosen when the builder is made</td></tr>
 * <tr><td>debugLogging</td><td>false</td><td></td><td>log request and response summaries, never the token</td></tr>
 * <tr><td>backend</td><td>rest</td><td>{@code CODEGEN_BACKEND}</td><td>see {@link Backend}</td></tr>
 * <tr><td>pollInterval, maxPollInterval</td><td>5 s, 120 s</td><td></td>
 *     <td>the first and the longest wait between status reads</td></tr>
 * <tr><td>maxConcurrentBridges</td><td>64</td><td></td>
 *     <td>bridge processes one JVM runs at once, over all its integrators; further tasks wait their turn</td></tr>
 * <tr><td>timeScale</td><td>1.0</td><td></td><td>speeds up the simulator, for benchmarks and tests only</td></tr>
 * </table>
 *
 * <p>The token never appears in {@link #toString()}, {@link #sanitized()} or any validation message,
 * and takes no part in {@link #hashCode()}; it does take part in {@link #equals(Object)}, because
 * settings with different tokens are not interchangeable.
 */
public final class CodegenSettings {
    private static final String MASK = "****";
    private static final Pattern URL_USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

    private final Environment environment;
    private final String token;
    private final Long orgId;
    private final String apiUrl;
    private final String pythonPath;
    private final Duration timeout;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration baseDelay;
    private final double backoffMultiplier;
    private final Duration maxDelay;
    private final OptimizationLevel optimizationLevel;
    private final int maxPromptLength;
    private final boolean includeExamples;
    private final boolean mock;
    private final String mockScenario;
    private final boolean tracking;
    private final boolean debugLogging;
    private final Backend backend;
    private final Duration pollInterval;
    private final Duration maxPollInterval;
    private final int maxConcurrentBridges;
    private final double timeScale;
    /** Values that could not be read, e.g. a malformed environment variable; reported by {@link #validate()}. */
    private final List<FieldError> inputErrors;

    private CodegenSettings(Builder b) {
        this.environment = b.environment;
        this.token = b.token;
        this.orgId = b.orgId;
        this.apiUrl = b.apiUrl;
        this.pythonPath = b.pythonPath;
        this.timeout = b.timeout;
        this.requestTimeout = b.requestTimeout;
        this.maxRetries = b.maxRetries;
        this.baseDelay = b.baseDelay;
        this.backoffMultiplier = b.backoffMultiplier;
        this.maxDelay = b.maxDelay;
        this.optimizationLevel = b.optimizationLevel;
        this.maxPromptLength = b.maxPromptLength;
        this.includeExamples = b.includeExamples;
        this.mock = b.mock;
        this.mockScenario = b.mockScenario;
        this.tracking = b.tracking;
        this.debugLogging = b.debugLogging;
        this.backend = b.backend;
        this.pollInterval = b.pollInterval;
        this.maxPollInterval = b.maxPollInterval;
        this.maxConcurrentBridges = b.maxConcurrentBridges;
        this.timeScale = b.timeScale;
        this.inputErrors = List.copyOf(b.inputErrors);
    }

    /** A builder holding the production defaults. */
    public static Builder builder() {
        return builder(Environment.PRODUCTION);
    }

    /** A builder holding the defaults of the given environment (see {@link Environment}). */
    public static Builder builder(Environment environment) {
        Builder builder = new Builder(environment);
        environment.applyDefaults(builder);
        return builder;
    }

    /**
     * A builder holding the defaults of the environment {@code CODEGEN_ENVIRONMENT} names (production if
     * unset), changed by {@code CODEGEN_TOKEN}, {@code CODEGEN_ORG_ID}, {@code CODEGEN_API_URL},
     * {@code PYTHON_PATH}, {@code CODEGEN_TIMEOUT}, {@code CODEGEN_ENABLE_MOCK} and {@code CODEGEN_BACKEND}.
     * {@code CODEGEN_TIMEOUT} is in milliseconds, as it always was, or a number with a unit
     * ({@link DurationText}); {@code CODEGEN_ENABLE_MOCK} takes true/false, 1/0, yes/no or on/off.
     * An empty variable counts as unset; a malformed one is reported by {@link #validate()}, named by
     * the variable.
     *
     * @param env the variables, such as {@link System#getenv()} or a build's environment
     */
    public static Builder fromEnvironment(Map<String, String> env) {
        return EnvironmentVariables.read(env);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** What is wrong with these settings, one error per problem, named as the user knows the option. */
    public List<FieldError> validate() {
        return SettingsValidator.validate(this);
    }

    /**
     * These settings, if valid.
     *
     * @throws CodegenException a {@code VALIDATION} failure listing every problem
     */
    public CodegenSettings requireValid() throws CodegenException {
        List<FieldError> errors = validate();
        if (!errors.isEmpty()) {
            throw CodegenException.invalid(errors);
        }
        return this;
    }

    /** The retry policy made of {@code maxRetries}, {@code baseDelay}, {@code backoffMultiplier} and {@code maxDelay}. */
    public RetryPolicy retryPolicy() {
        return RetryPolicy.builder().maxRetries(maxRetries).baseDelay(baseDelay).backoffMultiplier(backoffMultiplier)
                .maxDelay(maxDelay).build();
    }

    public Environment environment() {
        return environment;
    }

    /** The API token; handle with care, it must never be printed. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    public Optional<Long> orgId() {
        return Optional.ofNullable(orgId);
    }

    public String apiUrl() {
        return apiUrl;
    }

    public String pythonPath() {
        return pythonPath;
    }

    /** The whole task's deadline, every retry and the agent run itself included. */
    public Duration timeout() {
        return timeout;
    }

    /** The longest any single HTTP request may take. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration baseDelay() {
        return baseDelay;
    }

    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public OptimizationLevel optimizationLevel() {
        return optimizationLevel;
    }

    public int maxPromptLength() {
        return maxPromptLength;
    }

    public boolean includeExamples() {
        return includeExamples;
    }

    /** Whether to talk to the simulated Codegen API instead of the real one. */
    public boolean mock() {
        return mock;
    }

    /** Which scenario the simulated API plays, when {@link #mock()} is on. */
    public String mockScenario() {
        return mockScenario;
    }

    /** Whether to record statistics. */
    public boolean tracking() {
        return tracking;
    }

    /** Whether to log summaries of requests and responses; the token is never logged. */
    public boolean debugLogging() {
        return debugLogging;
    }

    public Backend backend() {
        return backend;
    }

    /** The wait before the first status read; later waits grow up to {@link #maxPollInterval()}. */
    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration maxPollInterval() {
        return maxPollInterval;
    }

    /** How many bridge processes one JVM runs at once; further tasks wait their turn. */
    public int maxConcurrentBridges() {
        return maxConcurrentBridges;
    }

    /** How much faster than real time the simulator runs; 1.0 except in benchmarks and tests. */
    public double timeScale() {
        return timeScale;
    }

    List<FieldError> inputErrors() {
        return inputErrors;
    }

    /**
     * Every option by name, in the order of the class description, fit to print: the token is
     * {@code "****"} when set and {@code null} when not, a user name or password in the API URL is
     * masked, durations read like {@code 30m}, enums by their lower-case names.
     */
    public Map<String, Object> sanitized() {
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

    @Override
    public String toString() {
        return "CodegenSettings" + sanitized();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodegenSettings other && Objects.equals(token, other.token)
                && valuesButToken().equals(other.valuesButToken());
    }

    /** Leaves the token out, so that nothing derived from it can be observed. */
    @Override
    public int hashCode() {
        return valuesButToken().hashCode();
    }

    private List<Object> valuesButToken() {
        return Arrays.asList(environment, orgId, apiUrl, pythonPath, timeout, requestTimeout, maxRetries, baseDelay,
                backoffMultiplier, maxDelay, optimizationLevel, maxPromptLength, includeExamples, mock, mockScenario,
                tracking, debugLogging, backend, pollInterval, maxPollInterval, maxConcurrentBridges, timeScale,
                inputErrors);
    }

    /**
     * Collects options; starts from an environment's defaults. Values are checked by
     * {@link CodegenSettings#validate()}, not here, so that every problem can be reported at once.
     */
    public static final class Builder {
        private final Environment environment;
        private String token;
        private Long orgId;
        private String apiUrl = "https://api.codegen.com";
        private String pythonPath = defaultPythonPath(System.getProperty("os.name", ""));
        private Duration timeout = Duration.ofMinutes(30);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxRetries = RetryPolicy.DEFAULT_MAX_RETRIES;
        private Duration baseDelay = RetryPolicy.DEFAULT_BASE_DELAY;
        private double backoffMultiplier = RetryPolicy.DEFAULT_BACKOFF_MULTIPLIER;
        private Duration maxDelay = RetryPolicy.DEFAULT_MAX_DELAY;
        private OptimizationLevel optimizationLevel = OptimizationLevel.STANDARD;
        private int maxPromptLength = 8_000;
        private boolean includeExamples = true;
        private boolean mock;
        private String mockScenario = "success";
        private boolean tracking = true;
        private boolean debugLogging;
        private Backend backend = Backend.REST;
        private Duration pollInterval = Duration.ofSeconds(5);
        private Duration maxPollInterval = Duration.ofSeconds(120);
        private int maxConcurrentBridges = 64;
        private double timeScale = 1.0;
        private final List<FieldError> inputErrors = new ArrayList<>();

        private Builder(Environment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
        }

        private Builder(CodegenSettings s) {
            this(s.environment);
            token = s.token;
            orgId = s.orgId;
            apiUrl = s.apiUrl;
            pythonPath = s.pythonPath;
            timeout = s.timeout;
            requestTimeout = s.requestTimeout;
            maxRetries = s.maxRetries;
            baseDelay = s.baseDelay;
            backoffMultiplier = s.backoffMultiplier;
            maxDelay = s.maxDelay;
            optimizationLevel = s.optimizationLevel;
            maxPromptLength = s.maxPromptLength;
            includeExamples = s.includeExamples;
            mock = s.mock;
            mockScenario = s.mockScenario;
            tracking = s.tracking;
            debugLogging = s.debugLogging;
            backend = s.backend;
            pollInterval = s.pollInterval;
            maxPollInterval = s.maxPollInterval;
            maxConcurrentBridges = s.maxConcurrentBridges;
            timeScale = s.timeScale;
            inputErrors.addAll(s.inputErrors);
        }

        /** The interpreter's usual name: Windows installs {@code python}, everything else {@code python3}. */
        static String defaultPythonPath(String osName) {
            return osName.startsWith("Windows") ? "python" : "python3";
        }

        /** The API token, or {@code null} (as is an empty one: a blank form field) for none. */
        public Builder token(String value) {
            this.token = value == null || value.isEmpty() ? null : value;
            return this;
        }

        public Builder orgId(Long value) {
            this.orgId = value;
            return this;
        }

        public Builder apiUrl(String value) {
            this.apiUrl = Objects.requireNonNull(value, "apiUrl");
            return this;
        }

        public Builder pythonPath(String value) {
            this.pythonPath = Objects.requireNonNull(value, "pythonPath");
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        public Builder baseDelay(Duration value) {
            this.baseDelay = Objects.requireNonNull(value, "baseDelay");
            return this;
        }

        public Builder backoffMultiplier(double value) {
            this.backoffMultiplier = value;
            return this;
        }

        public Builder maxDelay(Duration value) {
            this.maxDelay = Objects.requireNonNull(value, "maxDelay");
            return this;
        }

        public Builder optimizationLevel(OptimizationLevel value) {
            this.optimizationLevel = Objects.requireNonNull(value, "optimizationLevel");
            return this;
        }

        public Builder maxPromptLength(int value) {
            this.maxPromptLength = value;
            return this;
        }

        public Builder includeExamples(boolean value) {
            this.includeExamples = value;
            return this;
        }

        public Builder mock(boolean value) {
            this.mock = value;
            return this;
        }

        public Builder mockScenario(String value) {
            this.mockScenario = Objects.requireNonNull(value, "mockScenario");
            return this;
        }

        public Builder tracking(boolean value) {
            this.tracking = value;
            return this;
        }

        public Builder debugLogging(boolean value) {
            this.debugLogging = value;
            return this;
        }

        public Builder backend(Backend value) {
            this.backend = Objects.requireNonNull(value, "backend");
            return this;
        }

        public Builder pollInterval(Duration value) {
            this.pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        public Builder maxPollInterval(Duration value) {
            this.maxPollInterval = Objects.requireNonNull(value, "maxPollInterval");
            return this;
        }

        public Builder maxConcurrentBridges(int value) {
            this.maxConcurrentBridges = value;
            return this;
        }

        public Builder timeScale(double value) {
            this.timeScale = value;
            return this;
        }

        /** Records a value that could not be read; setting the option afterwards does not erase it. */
        Builder inputError(FieldError error) {
            inputErrors.add(error);
            return this;
        }

        /** The settings, valid or not; see {@link CodegenSettings#validate()}. */
        public CodegenSettings build() {
            return new CodegenSettings(this);
        }
    }
}

package io.jenkins.plugins.codegen.settings;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    /** Never changed: built from a copy of the builder's values. */
    private final SettingValues values;

    private CodegenSettings(SettingValues values) {
        this.values = values;
    }

    /** A builder holding the production defaults. */
    public static Builder builder() {
        return builder(Environment.PRODUCTION);
    }

    /** A builder holding the defaults of the given environment (see {@link Environment}). */
    public static Builder builder(Environment environment) {
        Builder builder = new Builder(new SettingValues(environment));
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
        return new Builder(values.copy());
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
        return RetryPolicy.builder().maxRetries(values.maxRetries).baseDelay(values.baseDelay)
                .backoffMultiplier(values.backoffMultiplier).maxDelay(values.maxDelay).build();
    }

    public Environment environment() {
        return values.environment;
    }

    /** The API token; handle with care, it must never be printed. */
    public Optional<String> token() {
        return Optional.ofNullable(values.token);
    }

    public Optional<Long> orgId() {
        return Optional.ofNullable(values.orgId);
    }

    public String apiUrl() {
        return values.apiUrl;
    }

    public String pythonPath() {
        return values.pythonPath;
    }

    /** The whole task's deadline, every retry and the agent run itself included. */
    public Duration timeout() {
        return values.timeout;
    }

    /** The longest any single HTTP request may take. */
    public Duration requestTimeout() {
        return values.requestTimeout;
    }

    public int maxRetries() {
        return values.maxRetries;
    }

    public Duration baseDelay() {
        return values.baseDelay;
    }

    public double backoffMultiplier() {
        return values.backoffMultiplier;
    }

    public Duration maxDelay() {
        return values.maxDelay;
    }

    public OptimizationLevel optimizationLevel() {
        return values.optimizationLevel;
    }

    public int maxPromptLength() {
        return values.maxPromptLength;
    }

    public boolean includeExamples() {
        return values.includeExamples;
    }

    /** Whether to talk to the simulated Codegen API instead of the real one. */
    public boolean mock() {
        return values.mock;
    }

    /** Which scenario the simulated API plays, when {@link #mock()} is on. */
    public String mockScenario() {
        return values.mockScenario;
    }

    /** Whether to record statistics. */
    public boolean tracking() {
        return values.tracking;
    }

    /** Whether to log summaries of requests and responses; the token is never logged. */
    public boolean debugLogging() {
        return values.debugLogging;
    }

    public Backend backend() {
        return values.backend;
    }

    /** The wait before the first status read; later waits grow up to {@link #maxPollInterval()}. */
    public Duration pollInterval() {
        return values.pollInterval;
    }

    public Duration maxPollInterval() {
        return values.maxPollInterval;
    }

    /** How many bridge processes one JVM runs at once; further tasks wait their turn. */
    public int maxConcurrentBridges() {
        return values.maxConcurrentBridges;
    }

    /** How much faster than real time the simulator runs; 1.0 except in benchmarks and tests. */
    public double timeScale() {
        return values.timeScale;
    }

    List<FieldError> inputErrors() {
        return values.inputErrors;
    }

    /**
     * Every option by name, in the order of the class description, fit to print: the token is
     * {@code "****"} when set and {@code null} when not, a user name or password in the API URL is
     * masked, durations read like {@code 30m}, enums by their lower-case names.
     */
    public Map<String, Object> sanitized() {
        return values.sanitized();
    }

    @Override
    public String toString() {
        return "CodegenSettings" + sanitized();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodegenSettings other && Objects.equals(values.token, other.values.token)
                && values.allButToken().equals(other.values.allButToken());
    }

    /** Leaves the token out, so that nothing derived from it can be observed. */
    @Override
    public int hashCode() {
        return values.allButToken().hashCode();
    }

    /**
     * Collects options; starts from an environment's defaults. Values are checked by
     * {@link CodegenSettings#validate()}, not here, so that every problem can be reported at once.
     */
    public static final class Builder {
        private final SettingValues values;

        private Builder(SettingValues values) {
            this.values = values;
        }

        /** The interpreter's usual name: Windows installs {@code python}, everything else {@code python3}. */
        static String defaultPythonPath(String osName) {
            return osName.startsWith("Windows") ? "python" : "python3";
        }

        /** The API token, or {@code null} (as is an empty one: a blank form field) for none. */
        public Builder token(String value) {
            values.token = value == null || value.isEmpty() ? null : value;
            return this;
        }

        public Builder orgId(Long value) {
            values.orgId = value;
            return this;
        }

        public Builder apiUrl(String value) {
            values.apiUrl = Objects.requireNonNull(value, "apiUrl");
            return this;
        }

        public Builder pythonPath(String value) {
            values.pythonPath = Objects.requireNonNull(value, "pythonPath");
            return this;
        }

        public Builder timeout(Duration value) {
            values.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        public Builder requestTimeout(Duration value) {
            values.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        public Builder maxRetries(int value) {
            values.maxRetries = value;
            return this;
        }

        public Builder baseDelay(Duration value) {
            values.baseDelay = Objects.requireNonNull(value, "baseDelay");
            return this;
        }

        public Builder backoffMultiplier(double value) {
            values.backoffMultiplier = value;
            return this;
        }

        public Builder maxDelay(Duration value) {
            values.maxDelay = Objects.requireNonNull(value, "maxDelay");
            return this;
        }

        public Builder optimizationLevel(OptimizationLevel value) {
            values.optimizationLevel = Objects.requireNonNull(value, "optimizationLevel");
            return this;
        }

        public Builder maxPromptLength(int value) {
            values.maxPromptLength = value;
            return this;
        }

        public Builder includeExamples(boolean value) {
            values.includeExamples = value;
            return this;
        }

        public Builder mock(boolean value) {
            values.mock = value;
            return this;
        }

        public Builder mockScenario(String value) {
            values.mockScenario = Objects.requireNonNull(value, "mockScenario");
            return this;
        }

        public Builder tracking(boolean value) {
            values.tracking = value;
            return this;
        }

        public Builder debugLogging(boolean value) {
            values.debugLogging = value;
            return this;
        }

        public Builder backend(Backend value) {
            values.backend = Objects.requireNonNull(value, "backend");
            return this;
        }

        public Builder pollInterval(Duration value) {
            values.pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        public Builder maxPollInterval(Duration value) {
            values.maxPollInterval = Objects.requireNonNull(value, "maxPollInterval");
            return this;
        }

        public Builder maxConcurrentBridges(int value) {
            values.maxConcurrentBridges = value;
            return this;
        }

        public Builder timeScale(double value) {
            values.timeScale = value;
            return this;
        }

        /** Records a value that could not be read; setting the option afterwards does not erase it. */
        Builder inputError(FieldError error) {
            values.inputErrors.add(error);
            return this;
        }

        /** The settings, valid or not; see {@link CodegenSettings#validate()}. */
        public CodegenSettings build() {
            return new CodegenSettings(values.copy());
        }
    }
}

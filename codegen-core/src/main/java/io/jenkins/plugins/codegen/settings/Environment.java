package io.jenkins.plugins.codegen.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the plugin runs; it picks the defaults of {@link CodegenSettings}, and the environment
 * variable {@code CODEGEN_ENVIRONMENT} picks it. The defaults that differ:
 *
 * <table>
 * <caption>Defaults by environment</caption>
 * <tr><th>Option</th>       <th>PRODUCTION</th><th>STAGING</th><th>DEVELOPMENT</th><th>TEST</th></tr>
 * <tr><td>mock</td>         <td>off</td>       <td>off</td>    <td>on</td>         <td>on</td></tr>
 * <tr><td>debugLogging</td> <td>off</td>       <td>on</td>     <td>on</td>         <td>off</td></tr>
 * <tr><td>timeout</td>      <td>30 min</td>    <td>30 min</td> <td>10 min</td>     <td>2 min</td></tr>
 * <tr><td>maxRetries</td>   <td>3</td>         <td>3</td>      <td>3</td>          <td>1</td></tr>
 * <tr><td>baseDelay</td>    <td>1 s</td>       <td>1 s</td>    <td>1 s</td>        <td>100 ms</td></tr>
 * </table>
 * Every other option has the same default everywhere; {@link CodegenSettings} lists them.
 */
public enum Environment {
    DEVELOPMENT,
    STAGING,
    /** The default. */
    PRODUCTION,
    TEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads an environment name in any case; empty when the name is not an environment. */
    public static Optional<Environment> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim();
        return Arrays.stream(values()).filter(e -> e.name().equalsIgnoreCase(wanted)).findFirst();
    }

    /** "development, staging, production, test", for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Environment::wireName).collect(Collectors.joining(", "));
    }

    /** Changes a builder holding the production defaults to this environment's, as the table says. */
    void applyDefaults(CodegenSettings.Builder builder) {
        switch (this) {
            case DEVELOPMENT -> builder.mock(true).debugLogging(true).timeout(Duration.ofMinutes(10));
            case STAGING -> builder.debugLogging(true);
            case TEST -> builder.mock(true).maxRetries(1).baseDelay(Duration.ofMillis(100))
                    .timeout(Duration.ofMinutes(2));
            case PRODUCTION -> { }
        }
    }
}

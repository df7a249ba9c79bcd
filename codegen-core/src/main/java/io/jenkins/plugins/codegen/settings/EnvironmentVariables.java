package io.jenkins.plugins.codegen.settings;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads settings from the environment variables of the original system, plus {@code CODEGEN_ENVIRONMENT}
 * to pick the defaults. A malformed value is kept as an error named by its variable rather than
 * ignored: a typo must not silently send a task to production with the defaults.
 */
final class EnvironmentVariables {
    private static final String ENVIRONMENT = "CODEGEN_ENVIRONMENT";
    private static final String TOKEN = "CODEGEN_TOKEN";
    private static final String ORG_ID = "CODEGEN_ORG_ID";
    private static final String API_URL = "CODEGEN_API_URL";
    private static final String PYTHON_PATH = "PYTHON_PATH";
    private static final String TIMEOUT = "CODEGEN_TIMEOUT";
    private static final String ENABLE_MOCK = "CODEGEN_ENABLE_MOCK";
    private static final String BACKEND = "CODEGEN_BACKEND";
    /** Longer values are not quoted back: nobody meant them as a number or a name, and they may be a token. */
    private static final int LONGEST_QUOTED_VALUE = 16;

    private final Map<String, String> env;
    private final List<FieldError> malformed = new ArrayList<>();

    private EnvironmentVariables(Map<String, String> env) {
        this.env = env;
    }

    static CodegenSettings.Builder read(Map<String, String> env) {
        return new EnvironmentVariables(env).read();
    }

    private CodegenSettings.Builder read() {
        Environment environment = parse(ENVIRONMENT, Environment::parse, "an environment",
                "Use one of " + Environment.names() + ".").orElse(Environment.PRODUCTION);
        CodegenSettings.Builder builder = CodegenSettings.builder(environment);
        // The token is taken exactly as given: stray whitespace in it is reported by validation.
        Optional.ofNullable(env.get(TOKEN)).filter(t -> !t.isEmpty()).ifPresent(builder::token);
        value(API_URL).ifPresent(builder::apiUrl);
        value(PYTHON_PATH).ifPresent(builder::pythonPath);
        parse(ORG_ID, EnvironmentVariables::parseLong, "a number",
                "Set it to the numeric organization id shown at https://codegen.com/token.").ifPresent(builder::orgId);
        parse(TIMEOUT, DurationText::parse, "a duration",
                "Write a number of milliseconds (1800000), or a number with a unit: 90s, 30m, 1h.")
                .ifPresent(builder::timeout);
        parse(ENABLE_MOCK, EnvironmentVariables::parseBoolean, "true or false",
                "Use true or false (1/0, yes/no and on/off work too).").ifPresent(builder::mock);
        parse(BACKEND, Backend::parse, "a backend", "Use one of " + Backend.names() + ".")
                .ifPresent(builder::backend);
        malformed.forEach(builder::inputError);
        return builder;
    }

    /** The variable's value read by the parser; empty, with the problem recorded, if it does not read. */
    private <T> Optional<T> parse(String variable, Function<String, Optional<T>> parser, String expected,
            String remedy) {
        Optional<String> text = value(variable);
        Optional<T> parsed = text.flatMap(parser);
        if (text.isPresent() && parsed.isEmpty()) {
            malformed.add(new FieldError(variable, "is " + quoted(text.get()) + ", not " + expected, remedy));
        }
        return parsed;
    }

    /** The trimmed value; empty for an unset or blank variable, as a blank field in a form means "default". */
    private Optional<String> value(String variable) {
        return Optional.ofNullable(env.get(variable)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static String quoted(String value) {
        if (value.length() > LONGEST_QUOTED_VALUE || value.chars().anyMatch(Character::isISOControl)) {
            return "a " + value.length() + "-character value";
        }
        return "'" + value + "'";
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Boolean> parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Optional.of(true);
            case "false", "0", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}

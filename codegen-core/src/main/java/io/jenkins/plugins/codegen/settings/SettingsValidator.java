package io.jenkins.plugins.codegen.settings;

import io.jenkins.plugins.codegen.error.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks {@link CodegenSettings} and reports every problem at once, in the order of the options.
 * Messages name the option as the user knows it and never show the token, not even part of it.
 */
final class SettingsValidator {
    /** A task that needs longer than a day should be split; a longer timeout is a slip. */
    private static final Duration LONGEST_TIMEOUT = Duration.ofHours(24);
    private static final int SMALLEST_MAX_PROMPT_LENGTH = 200;
    private static final int LARGEST_MAX_PROMPT_LENGTH = 100_000;
    /** The API allows 60 requests per 30 seconds; polling faster would spend them on status reads. */
    private static final Duration SHORTEST_POLL_INTERVAL = Duration.ofSeconds(1);

    private static final String TOKEN_REMEDY = "Add a Secret text credential holding your API token from "
            + "https://codegen.com/token, or set CODEGEN_TOKEN.";
    private static final String API_URL_REMEDY = "Use https://api.codegen.com, or the full http(s) URL of your "
            + "Codegen API.";

    private final CodegenSettings settings;
    private final List<FieldError> errors = new ArrayList<>();

    private SettingsValidator(CodegenSettings settings) {
        this.settings = settings;
    }

    static List<FieldError> validate(CodegenSettings settings) {
        return new SettingsValidator(settings).validate();
    }

    private List<FieldError> validate() {
        errors.addAll(settings.inputErrors());
        checkToken();
        checkOrgId();
        checkApiUrl();
        checkPythonPath();
        checkTimeouts();
        errors.addAll(settings.retryPolicy().validate());
        checkPrompt();
        checkMockScenario();
        checkPolling();
        checkLimits();
        return List.copyOf(errors);
    }

    private void checkToken() {
        if (settings.token().isEmpty()) {
            if (!settings.mock()) {
                error("token", "is not set", TOKEN_REMEDY);
            }
            return;
        }
        String token = settings.token().get();
        if (token.isBlank()) {
            error("token", "is blank", TOKEN_REMEDY);
        } else if (hasLineBreak(token)) {
            // Pasting from a file or terminal often brings a trailing newline along; say so, as it is invisible.
            error("token", hasLineBreak(token.stripTrailing()) ? "contains a line break"
                    : "ends with a line break, as a pasted token often does",
                    "Enter the token again on one line, without the line break.");
        } else if (token.chars().anyMatch(Character::isWhitespace)) {
            error("token", "contains whitespace", "Enter the token again without spaces or tabs.");
        }
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }

    private void checkOrgId() {
        if (settings.orgId().isEmpty()) {
            if (!settings.mock()) {
                error("orgId", "is not set", "Set it to the numeric organization id shown at https://codegen.com/token, "
                        + "or set CODEGEN_ORG_ID.");
            }
        } else if (settings.orgId().get() <= 0) {
            error("orgId", "is " + settings.orgId().get() + "; it must be a positive number",
                    "Use the organization id shown at https://codegen.com/token.");
        }
    }

    /** The URL itself is not quoted back: it may carry a password, and the option name says enough. */
    private void checkApiUrl() {
        String url = settings.apiUrl();
        if (url.isBlank()) {
            error("apiUrl", "is empty", API_URL_REMEDY);
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            error("apiUrl", "is not a valid URL", API_URL_REMEDY);
            return;
        }
        if (uri.getScheme() == null) {
            error("apiUrl", "has no scheme; it must start with https:// or http://", API_URL_REMEDY);
        } else if (!uri.getScheme().equalsIgnoreCase("https") && !uri.getScheme().equalsIgnoreCase("http")) {
            error("apiUrl", "is not an http or https URL", API_URL_REMEDY);
        } else if (uri.getHost() == null) {
            error("apiUrl", "has no host name", API_URL_REMEDY);
        } else if (uri.getRawUserInfo() != null) {
            error("apiUrl", "contains a user name or password",
                    "Remove them; the API token is the only credential Codegen needs.");
        }
    }

    private void checkPythonPath() {
        if (settings.pythonPath().isBlank()) {
            error("pythonPath", "is empty", "Set it to the Python interpreter on the build agent, such as python3 or "
                    + "/usr/bin/python3.");
        }
    }

    private void checkTimeouts() {
        Duration timeout = settings.timeout();
        Duration request = settings.requestTimeout();
        if (!isPositive(timeout)) {
            error("timeout", "is " + text(timeout) + "; it must be longer than zero",
                    "Give the whole task, with its retries and the agent run, enough time; 30m suits most tasks.");
        } else if (timeout.compareTo(LONGEST_TIMEOUT) > 0) {
            error("timeout", "is " + text(timeout) + "; at most " + text(LONGEST_TIMEOUT) + " is allowed",
                    "Shorten it; a task that needs longer should be split into smaller tasks.");
        }
        // A request timeout longer than half the task's timeout is not an error: the engine shortens it
        // (a user who set only a short timeout must not be told about an option they never touched).
        if (!isPositive(request)) {
            error("requestTimeout", "is " + text(request) + "; it must be longer than zero",
                    "Give each request a few seconds; 30s suits most networks.");
        }
    }

    private void checkPrompt() {
        int length = settings.maxPromptLength();
        if (length < SMALLEST_MAX_PROMPT_LENGTH || length > LARGEST_MAX_PROMPT_LENGTH) {
            error("maxPromptLength", "is " + grouped(length) + "; it must be from "
                    + grouped(SMALLEST_MAX_PROMPT_LENGTH) + " to " + grouped(LARGEST_MAX_PROMPT_LENGTH) + " characters",
                    "Set it within that range; 8,000 suits most tasks.");
        }
    }

    private void checkMockScenario() {
        if (settings.mock() && settings.mockScenario().isBlank()) {
            error("mockScenario", "is empty", "Name a scenario of the simulated API, such as success.");
        }
    }

    private void checkPolling() {
        Duration first = settings.pollInterval();
        Duration longest = settings.maxPollInterval();
        if (first.compareTo(SHORTEST_POLL_INTERVAL) < 0) {
            error("pollInterval", "is " + text(first) + "; it must be at least " + text(SHORTEST_POLL_INTERVAL),
                    "Poll at most once a second; the API allows 60 requests per 30 seconds.");
        }
        if (longest.compareTo(first) < 0) {
            error("maxPollInterval", "is " + text(longest) + ", shorter than pollInterval (" + text(first) + ")",
                    "Make it at least as long as pollInterval.");
        }
    }

    private void checkLimits() {
        if (settings.maxConcurrentBridges() < 1) {
            error("maxConcurrentBridges", "is " + settings.maxConcurrentBridges() + "; it must be at least 1",
                    "Allow at least one bridge process; 64 suits most controllers.");
        }
        double scale = settings.timeScale();
        if (!(scale > 0 && Double.isFinite(scale))) {
            error("timeScale", "is " + scale + "; it must be a number greater than zero",
                    "Leave it at 1.0; other values are for simulator benchmarks and tests only.");
        }
    }

    private void error(String field, String problem, String remedy) {
        errors.add(new FieldError(field, problem, remedy));
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static String text(Duration duration) {
        return DurationText.format(duration);
    }

    private static String grouped(int number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}

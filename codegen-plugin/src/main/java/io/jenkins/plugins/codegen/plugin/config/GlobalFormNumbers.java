package io.jenkins.plugins.codegen.plugin.config;

import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULTS;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_BACKOFF_MULTIPLIER;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_BASE_DELAY_SECONDS;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_MAX_PROMPT_LENGTH;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_MAX_RETRIES;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_POLL_INTERVAL_SECONDS;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_TIMEOUT_MINUTES;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.fix.FixPolicy;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.sf.json.JSONObject;

/**
 * The numbers of the global configuration, and how each becomes the engine's setting: one place for
 * the settings a task runs with, the field checks of the form, and the checks on save (the form, and
 * Configuration as Code through the setters). The engine's validation decides what is in range, so
 * that the page refuses exactly what would make every task fail.
 *
 * <p>A submitted form's numbers are read by the plugin rather than by Stapler, which would turn a
 * blank field into 0 and a typo into 0 or null without a word: a blank field means the default, and a
 * typo is refused with the field's name. Taking them out of the form leaves the rest to bind.
 */
record GlobalFormNumbers(@CheckForNull Long orgId, int timeout, int maxRetries, int baseDelay,
                         double backoffMultiplier, int maxPromptLength, int pollInterval, int maxFixesPerDay) {

    /** Removes the number fields from {@code form} and reads them; nothing is applied yet. */
    static GlobalFormNumbers takeFrom(JSONObject form) throws FormException {
        GlobalFormNumbers numbers = new GlobalFormNumbers(wholeNumber(form, "orgId", null),
                whole(form, "timeout", DEFAULT_TIMEOUT_MINUTES),
                whole(form, "maxRetries", DEFAULT_MAX_RETRIES),
                whole(form, "baseDelay", DEFAULT_BASE_DELAY_SECONDS),
                decimalNumber(form, "backoffMultiplier", DEFAULT_BACKOFF_MULTIPLIER),
                whole(form, "maxPromptLength", DEFAULT_MAX_PROMPT_LENGTH),
                whole(form, "pollInterval", DEFAULT_POLL_INTERVAL_SECONDS),
                whole(form, "maxFixesPerDay", FixPolicy.DEFAULT_MAX_FIXES_PER_DAY));
        if (numbers.maxFixesPerDay < 0) {
            throw new FormException("maxFixesPerDay must be 0 or more, not " + numbers.maxFixesPerDay + ".",
                    "maxFixesPerDay");
        }
        return numbers;
    }

    /** These numbers as the engine's settings. */
    void applyTo(CodegenSettings.Builder builder) {
        builder.orgId(orgId);
        timeout(timeout).accept(builder);
        maxRetries(maxRetries).accept(builder);
        baseDelay(baseDelay).accept(builder);
        backoffMultiplier(backoffMultiplier).accept(builder);
        maxPromptLength(maxPromptLength).accept(builder);
        pollInterval(pollInterval).accept(builder);
    }

    /**
     * Refuses numbers the engine would refuse at every task, naming the first field; the message
     * names them all, in the fields' units.
     *
     * @param apiUrl the form's API URL, checked with them: a wrong one, too, fails every task
     */
    void requireValid(String apiUrl) throws FormException {
        CodegenSettings.Builder builder = checked();
        applyTo(builder);
        builder.apiUrl(apiUrl);
        List<FieldError> errors = FormChecks.inFieldUnits(builder.build().validate());
        if (!errors.isEmpty()) {
            throw new FormException(errors.stream().map(GlobalFormNumbers::sentence).collect(Collectors.joining(" ")),
                    errors.get(0).field());
        }
    }

    void applyTo(CodegenGlobalConfiguration configuration) {
        configuration.setOrgId(orgId);
        configuration.setTimeout(timeout);
        configuration.setMaxRetries(maxRetries);
        configuration.setBaseDelay(baseDelay);
        configuration.setBackoffMultiplier(backoffMultiplier);
        configuration.setMaxPromptLength(maxPromptLength);
        configuration.setPollInterval(pollInterval);
        configuration.setMaxFixesPerDay(maxFixesPerDay);
    }

    // ---- Each number as a setting ---------------------------------------------------------------

    static Consumer<CodegenSettings.Builder> timeout(long minutes) {
        return builder -> builder.timeout(Duration.ofMinutes(minutes));
    }

    static Consumer<CodegenSettings.Builder> maxRetries(long retries) {
        return builder -> builder.maxRetries((int) retries);
    }

    /** The cap between retries is not an option here; it must not be shorter than the first wait. */
    static Consumer<CodegenSettings.Builder> baseDelay(long seconds) {
        Duration first = Duration.ofSeconds(seconds);
        return builder -> builder.baseDelay(first).maxDelay(longer(first, DEFAULTS.maxDelay()));
    }

    static Consumer<CodegenSettings.Builder> backoffMultiplier(double multiplier) {
        return builder -> builder.backoffMultiplier(multiplier);
    }

    static Consumer<CodegenSettings.Builder> maxPromptLength(long length) {
        return builder -> builder.maxPromptLength((int) length);
    }

    /** Reads slow down to the engine's longest interval, or stay at this one when it is longer. */
    static Consumer<CodegenSettings.Builder> pollInterval(long seconds) {
        Duration first = Duration.ofSeconds(seconds);
        return builder -> builder.pollInterval(first).maxPollInterval(longer(first, DEFAULTS.maxPollInterval()));
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) > 0 ? a : b;
    }

    /**
     * For the setters, which Configuration as Code calls with its keys' values: a value the engine
     * refuses is refused here, with the key's name, before anything is stored.
     */
    static void requireValid(String field, Consumer<CodegenSettings.Builder> set) {
        CodegenSettings.Builder builder = checked();
        set.accept(builder);
        for (FieldError error : FormChecks.inFieldUnits(builder.build().validate())) {
            if (error.field().equals(field)) {
                throw new IllegalArgumentException(sentence(error));
            }
        }
    }

    /** Mock mode, so that neither the token nor the organization, which a task brings, is asked for. */
    private static CodegenSettings.Builder checked() {
        return CodegenSettings.builder().mock(true);
    }

    private static String sentence(FieldError error) {
        return error.field() + " " + error.problem() + ". " + error.remedy();
    }

    // ---- Reading the form -----------------------------------------------------------------------

    private static int whole(JSONObject form, String field, int defaultValue) throws FormException {
        return wholeNumber(form, field, (long) defaultValue).intValue();
    }

    /** Takes a whole number out of the form; a blank field gives the default. */
    private static Long wholeNumber(JSONObject form, String field, Long defaultValue) throws FormException {
        Object raw = form.remove(field);
        String text = raw == null ? null : Util.fixEmptyAndTrim(raw.toString());
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text);
            if (!field.equals("orgId") && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new FormException(field + " must be a whole number, not '" + text + "'.", field);
        }
    }

    private static double decimalNumber(JSONObject form, String field, double defaultValue) throws FormException {
        Object raw = form.remove(field);
        String text = raw == null ? null : Util.fixEmptyAndTrim(raw.toString());
        if (text == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new FormException(field + " must be a number, not '" + text + "'.", field);
        }
    }
}

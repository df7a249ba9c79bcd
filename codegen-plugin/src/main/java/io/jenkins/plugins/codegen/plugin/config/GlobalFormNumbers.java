package io.jenkins.plugins.codegen.plugin.config;

import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_BACKOFF_MULTIPLIER;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_BASE_DELAY_SECONDS;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_MAX_PROMPT_LENGTH;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_MAX_RETRIES;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_POLL_INTERVAL_SECONDS;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_TIMEOUT_MINUTES;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import io.jenkins.plugins.codegen.fix.FixPolicy;
import net.sf.json.JSONObject;

/**
 * The numbers of a submitted global form, read by the plugin rather than by Stapler, which would turn
 * a blank field into 0 and a typo into 0 or null without a word: a blank field means the default, and
 * a typo is refused with the field's name. Taking them out of the form leaves the rest to bind.
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

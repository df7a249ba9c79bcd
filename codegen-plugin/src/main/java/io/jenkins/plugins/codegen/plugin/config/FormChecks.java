package io.jenkins.plugins.codegen.plugin.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.settings.DurationText;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskValidator;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Form validation that asks the engine: a field's value is put into settings or a task, and the
 * engine's own validation says what is wrong with it, in the words it uses at run time.
 */
public final class FormChecks {
    /** {@code requirements[2]} and the like: an item of a list field. */
    private static final Pattern ITEM = Pattern.compile("^[^\\[]+\\[(\\d+)\\]");
    /** A duration as the engine writes it: {@code 30s}, {@code 45m}, {@code 24h}. */
    private static final Pattern DURATION = Pattern.compile("(?<![\\w.,])\\d{1,18}(ms|s|m|h)(?!\\w)");

    /** The unit of each form field that holds a duration: the timeout in minutes, the waits in seconds. */
    private static final Map<String, ChronoUnit> UNITS = Map.of("timeout", ChronoUnit.MINUTES,
            "baseDelay", ChronoUnit.SECONDS, "pollInterval", ChronoUnit.SECONDS);
    /** Settings the forms set through another field: the caps follow the first wait. */
    private static final Map<String, String> SET_THROUGH = Map.of("maxDelay", "baseDelay",
            "maxPollInterval", "pollInterval");

    private FormChecks() {
    }

    /** Problems the settings validation finds with one option, set by {@code set} on otherwise valid settings. */
    public static FormValidation settingsField(String field, Consumer<CodegenSettings.Builder> set) {
        // Mock mode, so that neither the missing token nor the missing organization is reported here.
        CodegenSettings.Builder builder = CodegenSettings.builder().mock(true);
        set.accept(builder);
        return toValidation(builder.build().validate(), field);
    }

    /**
     * {@link #settingsField} for a field the form counts in minutes or seconds: the engine writes
     * durations as {@code 0s} or {@code 24h}, which would read oddly beside a field in minutes.
     */
    public static FormValidation durationField(String field, ChronoUnit unit, Consumer<CodegenSettings.Builder> set) {
        CodegenSettings.Builder builder = CodegenSettings.builder().mock(true);
        set.accept(builder);
        List<FieldError> errors = new ArrayList<>();
        for (FieldError error : builder.build().validate()) {
            errors.add(new FieldError(error.field(), inUnit(error.problem(), unit), inUnit(error.remedy(), unit)));
        }
        return toValidation(errors, field);
    }

    /**
     * The engine's settings problems as the form's fields say them: a setting the form sets through
     * another field under that field's name ({@code maxDelay} is the base delay's), and durations in
     * the unit the field counts in ("is 0 minutes" for the timeout, not "is 0s").
     */
    public static List<FieldError> inFieldUnits(List<FieldError> errors) {
        List<FieldError> named = new ArrayList<>();
        for (FieldError error : errors) {
            String field = SET_THROUGH.getOrDefault(error.field(), error.field());
            ChronoUnit unit = UNITS.get(field);
            named.add(unit == null ? new FieldError(field, error.problem(), error.remedy())
                    : new FieldError(field, inUnit(error.problem(), unit), inUnit(error.remedy(), unit)));
        }
        return named;
    }

    /** "is 0s; at most 24h" in minutes: "is 0 minutes; at most 1,440 minutes". Inexact amounts stay as they are. */
    public static String inUnit(String text, ChronoUnit unit) {
        Matcher token = DURATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (token.find()) {
            Duration duration = DurationText.parse(token.group()).orElse(null);
            String replacement = token.group();
            if (duration != null && duration.toMillis() % unit.getDuration().toMillis() == 0) {
                long amount = duration.toMillis() / unit.getDuration().toMillis();
                String name = unit.toString().toLowerCase(Locale.ROOT);
                replacement = String.format(Locale.ROOT, "%,d %s", amount,
                        amount == 1 ? name.substring(0, name.length() - 1) : name);
            }
            token.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        token.appendTail(out);
        return out.toString();
    }

    /** Problems the task validation finds with one task field. */
    public static FormValidation taskField(String field, Consumer<CodegenTask.Builder> set) {
        CodegenTask.Builder builder = CodegenTask.builder();
        set.accept(builder);
        return toValidation(TaskValidator.validate(builder.build(), TaskContext.empty()), field);
    }

    /** Problems the task validation finds with one field of the codebase or project context. */
    public static FormValidation contextField(String field, CodebaseContext codebase, ProjectContext project) {
        CodegenTask placeholder = CodegenTask.builder().title("placeholder").build();
        return toValidation(TaskValidator.validate(placeholder, new TaskContext(codebase, project)), field);
    }

    /**
     * The errors about {@code field} or its items as one form message; items of a list field are
     * called "Item 3" (counting from 1, as the lines of the text area).
     */
    static FormValidation toValidation(List<FieldError> errors, String field) {
        List<FormValidation> found = new ArrayList<>();
        for (FieldError error : errors) {
            if (!error.field().equals(field) && !error.field().startsWith(field + "[")
                    && !error.field().startsWith(field + ".")) {
                continue;
            }
            Matcher item = ITEM.matcher(error.field());
            String what = item.find() ? "Item " + (Integer.parseInt(item.group(1)) + 1) + " " : "It ";
            found.add(FormValidation.error(what + error.problem() + ". " + error.remedy()));
        }
        return found.isEmpty() ? FormValidation.ok() : FormValidation.aggregate(found);
    }

    /** A whole number, or null for a blank field. */
    public static Long parseWhole(String value) throws NumberFormatException {
        String text = Util.fixEmptyAndTrim(value);
        return text == null ? null : Long.valueOf(text);
    }

    /** A number with an optional fraction, or null for a blank field. */
    static Double parseDecimal(String value) throws NumberFormatException {
        String text = Util.fixEmptyAndTrim(value);
        return text == null ? null : Double.valueOf(text);
    }

    public static FormValidation notAWholeNumber(String unit) {
        return FormValidation.error("Enter a whole number" + (unit.isEmpty() ? "" : " of " + unit) + ".");
    }

    /** A choice of a select box: blank, or one of {@code names}. */
    public static FormValidation checkChoice(@CheckForNull String value, boolean valid, String names) {
        if (Util.fixEmptyAndTrim(value) == null || valid) {
            return FormValidation.ok();
        }
        return FormValidation.error("Use one of " + names + ".");
    }

    /** An organization id, or what a blank one means where it is entered. */
    public static FormValidation checkOrgId(String value, FormValidation whenBlank) {
        Long id;
        try {
            id = parseWhole(value);
        } catch (NumberFormatException e) {
            return FormValidation.error("Enter the numeric organization id shown at https://codegen.com/token.");
        }
        if (id == null) {
            return whenBlank;
        }
        return settingsField("orgId", b -> b.orgId(id));
    }
}

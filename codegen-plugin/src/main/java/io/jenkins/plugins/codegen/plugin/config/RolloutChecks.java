package io.jenkins.plugins.codegen.plugin.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.util.FormValidation;
import io.jenkins.plugins.codegen.autofix.AutoFixLimits;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.util.Optional;
import net.sf.json.JSONNull;
import net.sf.json.JSONObject;

/**
 * The checks of the numbers of a whole Jenkins' settings (budgets, the automatic fixes' queue) and of
 * the defaults a folder or job may set (organization, timeout), for the setters (Configuration as
 * Code, Job DSL), the forms on save and the field checks: one sentence each, naming the field, what
 * is wrong and what to do.
 */
public final class RolloutChecks {
    private RolloutChecks() {
    }

    /** What is wrong with a budget, or empty; null is no limit and always fine. */
    public static Optional<String> budgetProblem(String field, @CheckForNull Long value) {
        if (value == null || (value >= 0 && value <= BudgetLimits.MAX_LIMIT)) {
            return Optional.empty();
        }
        return Optional.of(field + " is " + value + ": a budget is a number of agent runs from 0 to "
                + BudgetLimits.MAX_LIMIT + ". Give one in that range (0 lets nothing run), or leave it empty "
                + "for no limit.");
    }

    /** What is wrong with a timeout in minutes, or empty; the range is the global timeout's. */
    public static Optional<String> timeoutProblem(String field, @CheckForNull Long minutes) {
        if (minutes == null) {
            return Optional.empty();
        }
        if (minutes > Integer.MAX_VALUE || minutes < Integer.MIN_VALUE) {
            return Optional.of(field + " is " + minutes + " minutes, far too many. Give a number of minutes such as 60.");
        }
        return settingsProblem(field, "timeout", minutes);
    }

    /** What is wrong with an organization id, or empty. */
    public static Optional<String> orgIdProblem(String field, @CheckForNull Long orgId) {
        return orgId == null ? Optional.empty() : settingsProblem(field, "orgId", orgId);
    }

    private static Optional<String> settingsProblem(String field, String setting, long value) {
        CodegenSettings.Builder builder = CodegenSettings.builder().mock(true);
        if (setting.equals("timeout")) {
            GlobalFormNumbers.timeout(value).accept(builder);
        } else {
            builder.orgId(value);
        }
        for (FieldError error : FormChecks.inFieldUnits(builder.build().validate())) {
            if (error.field().equals(setting)) {
                return Optional.of(field + " " + error.problem() + ". " + error.remedy());
            }
        }
        return Optional.empty();
    }

    /** A form field's check: empty (inherit or default, as {@code whenBlank} says) or a fitting number. */
    public static FormValidation checkNumber(@CheckForNull String value, String field, FormValidation whenBlank,
                                             NumberCheck check) {
        Long number;
        try {
            number = FormChecks.parseWhole(value);
        } catch (NumberFormatException e) {
            return FormValidation.error(field + " is '" + Util.fixNull(value).strip() + "': enter a whole number, "
                    + "or leave it empty.");
        }
        if (number == null) {
            return whenBlank;
        }
        return check.problem(field, number).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    /** One of the checks above. */
    public interface NumberCheck {
        Optional<String> problem(String field, Long value);
    }

    /**
     * Takes a whole number out of a submitted form and checks it: null for an empty field, a
     * {@link FormException} naming the field for anything else that does not fit.
     */
    public static Long formNumber(JSONObject form, String field, NumberCheck check) throws FormException {
        Object raw = form.remove(field);
        String text = raw == null || raw instanceof JSONNull ? null : Util.fixEmptyAndTrim(raw.toString());
        if (text == null) {
            return null;
        }
        long number;
        try {
            number = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FormException(field + " is '" + text + "': enter a whole number, or leave it empty.", field);
        }
        Optional<String> problem = check.problem(field, number);
        if (problem.isPresent()) {
            throw new FormException(problem.get(), field);
        }
        return number;
    }

    static Integer requireBudget(String field, @CheckForNull Integer value) {
        budgetProblem(field, value == null ? null : value.longValue()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return value;
    }

    static int requireLimit(String field, int value, int min) {
        limitProblem(field, value, min).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return value;
    }

    static Optional<String> limitProblem(String field, long value, int min) {
        if (value >= min && value <= AutoFixLimits.MAX) {
            return Optional.empty();
        }
        return Optional.of(field + " is " + value + ": give a number from " + min + " to " + AutoFixLimits.MAX
                + ", or leave it empty for the default.");
    }

    static Integer formBudget(JSONObject form, String field) throws FormException {
        Long number = formNumber(form, field, RolloutChecks::budgetProblem);
        return number == null ? null : number.intValue();
    }

    static int formLimit(JSONObject form, String field, int defaultValue, int min) throws FormException {
        Long number = formNumber(form, field, (name, value) -> limitProblem(name, value, min));
        return number == null ? defaultValue : number.intValue();
    }
}

package io.jenkins.plugins.codegen.plugin.scope;

import hudson.Util;
import hudson.model.Descriptor.FormException;
import io.jenkins.plugins.codegen.plugin.config.RolloutChecks;
import java.util.Optional;
import java.util.function.Consumer;
import net.sf.json.JSONNull;
import net.sf.json.JSONObject;

/**
 * Reads a folder's or job's Codegen form into its property. Read here rather than bound by Stapler,
 * which would turn an empty number field into 0 and an empty choice into false: here empty is "not
 * set, inherit", and a wrong value is refused on save with the field's name and what to do.
 */
final class ScopeFormData {
    private ScopeFormData() {
    }

    static void bind(JSONObject form, CodegenScopeProperty property) throws FormException {
        Long orgId = RolloutChecks.formNumber(form, "orgId", RolloutChecks::orgIdProblem);
        Long timeout = RolloutChecks.formNumber(form, "timeout", RolloutChecks::timeoutProblem);
        Long perHour = RolloutChecks.formNumber(form, "budgetPerHour", RolloutChecks::budgetProblem);
        Long perDay = RolloutChecks.formNumber(form, "budgetPerDay", RolloutChecks::budgetProblem);
        set("orgId", property::setOrgId, orgId);
        set("timeout", property::setTimeout, timeout == null ? null : timeout.intValue());
        set("budgetPerHour", property::setBudgetPerHour, perHour == null ? null : perHour.intValue());
        set("budgetPerDay", property::setBudgetPerDay, perDay == null ? null : perDay.intValue());
        set("credentialsId", property::setCredentialsId, text(form, "credentialsId"));
        set("optimizationLevel", property::setOptimizationLevel, text(form, "optimizationLevel"));
        set("backend", property::setBackend, text(form, "backend"));
        set("autoFixBranches", property::setAutoFixBranches, text(form, "autoFixBranches"));
        set("mock", property::setMock, choice(form, "mock").orElse(null));
        set("autoFix", property::setAutoFix, choice(form, "autoFix").orElse(null));
        set("autoFixPullRequests", property::setAutoFixPullRequests, choice(form, "autoFixPullRequests").orElse(null));
    }

    private static <T> void set(String field, Consumer<T> setter, T value) throws FormException {
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), e, field);
        }
    }

    private static String text(JSONObject form, String field) {
        Object raw = form.opt(field);
        return raw == null || raw instanceof JSONNull ? null : Util.fixEmptyAndTrim(raw.toString());
    }

    /**
     * A yes/no/inherit select ({@link ScopeForm#inheritOnOff}); a checkbox's true/false is read too.
     * Empty when the form inherits the value.
     */
    private static Optional<Boolean> choice(JSONObject form, String field) throws FormException {
        String text = text(form, field);
        if (text == null) {
            return Optional.empty();
        }
        return switch (text) {
            case "true" -> Optional.of(Boolean.TRUE);
            case "false" -> Optional.of(Boolean.FALSE);
            default -> throw new FormException(field + " is '" + text + "': choose on, off, or inherit.", field);
        };
    }
}

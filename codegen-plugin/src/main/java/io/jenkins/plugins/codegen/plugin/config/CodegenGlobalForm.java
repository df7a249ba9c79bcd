package io.jenkins.plugins.codegen.plugin.config;

import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_API_URL;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_BACKOFF_MULTIPLIER;

import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.codegen.autofix.AutoFixLimits;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.fix.FixPolicy;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The lists and field checks of the global configuration page ({@code CodegenGlobalConfiguration/config.jelly}),
 * apart from the configuration they check. The checks answer administrators only: the page is theirs.
 * The lists also fill for read-only administrators (Overall/SystemRead), who may open the page:
 * filling a list acts on nothing, and a select box without its choices would show them nothing.
 *
 * <p>An interface with default methods, so that the descriptor answers them without holding them:
 * Jenkins finds {@code doCheckX}/{@code doFillXItems} with {@code Class.getMethods()}, which includes
 * them, and Stapler dispatches to the public methods it collects from a class's interfaces too
 * ({@code ClassDescriptor.findMethods}). It must stay public: Stapler invokes the methods by reflection.
 */
public interface CodegenGlobalForm {

    @POST
    default ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        return CodegenCredentials.fillGlobal(credentialsId);
    }

    @POST
    default ListBoxModel doFillOptimizationLevelItems() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        return SettingChoices.optimizationLevels(null);
    }

    @POST
    default ListBoxModel doFillBackendItems() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        return SettingChoices.backends(null);
    }

    @POST
    default FormValidation doCheckApiUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String url = Util.fixEmptyAndTrim(value);
        if (url == null) {
            return FormValidation.ok("Blank: " + DEFAULT_API_URL + " is used.");
        }
        return FormChecks.settingsField("apiUrl", b -> b.apiUrl(url));
    }

    @POST
    default FormValidation doCheckCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CodegenCredentials.checkGlobal(value);
    }

    @POST
    default FormValidation doCheckOrgId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.checkOrgId(value, FormValidation.warning("No default organization: every task must set "
                + "orgId, unless it runs in mock mode."));
    }

    @POST
    default FormValidation doCheckPythonPath(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok("Blank: python3 on Unix agents, python on Windows agents.");
        }
        return FormValidation.ok();
    }

    @POST
    default FormValidation doCheckTimeout(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkWhole(value, "minutes", "timeout", GlobalFormNumbers::timeout);
    }

    @POST
    default FormValidation doCheckMaxRetries(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkWhole(value, "", "maxRetries", GlobalFormNumbers::maxRetries);
    }

    @POST
    default FormValidation doCheckBaseDelay(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkWhole(value, "seconds", "baseDelay", GlobalFormNumbers::baseDelay);
    }

    @POST
    default FormValidation doCheckBackoffMultiplier(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        Double multiplier;
        try {
            multiplier = FormChecks.parseDecimal(value);
        } catch (NumberFormatException e) {
            return FormValidation.error("Enter a number such as 2 or 1.5.");
        }
        if (multiplier == null) {
            return FormValidation.ok("Blank: " + DEFAULT_BACKOFF_MULTIPLIER + " is used.");
        }
        return FormChecks.settingsField("backoffMultiplier", GlobalFormNumbers.backoffMultiplier(multiplier));
    }

    @POST
    default FormValidation doCheckOptimizationLevel(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.checkChoice(value, OptimizationLevel.parse(value).isPresent(), OptimizationLevel.names());
    }

    @POST
    default FormValidation doCheckMaxPromptLength(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkWhole(value, "characters", "maxPromptLength", GlobalFormNumbers::maxPromptLength);
    }

    @POST
    default FormValidation doCheckPollInterval(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkWhole(value, "seconds", "pollInterval", GlobalFormNumbers::pollInterval);
    }

    @POST
    default FormValidation doCheckBackend(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.checkChoice(value, Backend.parse(value).isPresent(), Backend.names());
    }

    @POST
    default FormValidation doCheckMaxFixesPerDay(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        Long number;
        try {
            number = FormChecks.parseWhole(value);
        } catch (NumberFormatException e) {
            return FormChecks.notAWholeNumber("");
        }
        if (number == null) {
            return FormValidation.ok("Blank: " + FixPolicy.DEFAULT_MAX_FIXES_PER_DAY + " fix runs per job per day.");
        }
        if (number < 0 || number > Integer.MAX_VALUE) {
            return FormValidation.error("Enter 0 or more; 0 turns fixes off.");
        }
        return number == 0 ? FormValidation.warning("0: no job gets a fix; codegenFix and the fix action only say "
                + "that they skipped.") : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckCodegenBranchPrefix(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String prefix = Util.fixEmptyAndTrim(value);
        if (prefix == null) {
            return FormValidation.ok("Blank: " + FixPolicy.DEFAULT_CODEGEN_BRANCH_PREFIX + ".");
        }
        return prefix.matches("[A-Za-z0-9._/-]+") ? FormValidation.ok()
                : FormValidation.error("A branch name prefix has letters, digits, '.', '_', '-' and '/' only.");
    }

    @POST
    default FormValidation doCheckBudgetPerHour(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return RolloutChecks.checkNumber(value, "budgetPerHour", noLimit(), RolloutChecks::budgetProblem);
    }

    @POST
    default FormValidation doCheckBudgetPerDay(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return RolloutChecks.checkNumber(value, "budgetPerDay", noLimit(), RolloutChecks::budgetProblem);
    }

    @POST
    default FormValidation doCheckAutoFixMaxRunning(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return RolloutChecks.checkNumber(value, "autoFixMaxRunning", FormValidation.ok("Empty: "
                + AutoFixLimits.DEFAULT_MAX_RUNNING + "."), (field, n) -> RolloutChecks.limitProblem(field, n, 1));
    }

    @POST
    default FormValidation doCheckAutoFixMaxWaiting(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return RolloutChecks.checkNumber(value, "autoFixMaxWaiting", FormValidation.ok("Empty: "
                + AutoFixLimits.DEFAULT_MAX_WAITING + "."), (field, n) -> RolloutChecks.limitProblem(field, n, 0));
    }

    private static FormValidation noLimit() {
        return FormValidation.ok("Empty: no limit for the whole Jenkins; folders and jobs may have budgets of their own.");
    }

    /** The setting a checked whole number stands for. */
    interface SettingFromNumber {
        Consumer<CodegenSettings.Builder> apply(Long value);
    }

    private static FormValidation checkWhole(String value, String unit, String field, SettingFromNumber set) {
        Long number;
        try {
            number = FormChecks.parseWhole(value);
        } catch (NumberFormatException e) {
            return FormChecks.notAWholeNumber(unit);
        }
        if (number == null) {
            return FormValidation.ok("Blank: the default is used.");
        }
        if (number > Integer.MAX_VALUE || number < Integer.MIN_VALUE) {
            return FormValidation.error("That number is far too large.");
        }
        return switch (unit) {
            case "minutes" -> FormChecks.durationField(field, ChronoUnit.MINUTES, set.apply(number));
            case "seconds" -> FormChecks.durationField(field, ChronoUnit.SECONDS, set.apply(number));
            default -> FormChecks.settingsField(field, set.apply(number));
        };
    }
}

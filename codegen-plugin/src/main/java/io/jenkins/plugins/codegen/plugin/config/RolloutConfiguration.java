package io.jenkins.plugins.codegen.plugin.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import io.jenkins.plugins.codegen.autofix.AutoFixBranches;
import io.jenkins.plugins.codegen.autofix.AutoFixLimits;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The global values for a whole Jenkins (docs/administration.md): the budget of all of Jenkins and
 * the automatic fixes' switch, branches and queue. The global configuration inherits them, so that
 * they are its fields (one file, keys of {@code unclassified: codegen:} in Configuration as Code)
 * while that class stays about the connection and the task.
 */
public abstract class RolloutConfiguration extends GlobalConfiguration {
    /** The default branches of automatic fixes, as the form shows them. */
    public static final String DEFAULT_AUTO_FIX_BRANCHES = String.join(" ", AutoFixBranches.DEFAULT_PATTERNS);

    /** Null for no limit. */
    private Integer budgetPerHour;
    private Integer budgetPerDay;
    /*
     * Null, for each of these, is the default: a configuration saved before they existed loads, and
     * is saved again, without them.
     */
    private Boolean autoFix;
    private String autoFixBranches;
    private Boolean autoFixPullRequests;
    private Integer autoFixMaxRunning;
    private Integer autoFixMaxWaiting;

    /** Agent runs all of Jenkins may start in any 60 minutes; null for no limit. */
    @CheckForNull
    public Integer getBudgetPerHour() {
        return budgetPerHour;
    }

    @DataBoundSetter
    public void setBudgetPerHour(Integer budgetPerHour) {
        this.budgetPerHour = RolloutChecks.requireBudget("budgetPerHour", budgetPerHour);
        save();
    }

    /** Agent runs all of Jenkins may start in any 24 hours; null for no limit. */
    @CheckForNull
    public Integer getBudgetPerDay() {
        return budgetPerDay;
    }

    @DataBoundSetter
    public void setBudgetPerDay(Integer budgetPerDay) {
        this.budgetPerDay = RolloutChecks.requireBudget("budgetPerDay", budgetPerDay);
        save();
    }

    /** The budget of all of Jenkins, for the budget ledger. */
    public BudgetLimits getGlobalBudget() {
        return new BudgetLimits(budgetPerHour, budgetPerDay);
    }

    /** Whether failed builds get an automatic fix, unless a folder or job says otherwise. */
    public boolean isAutoFix() {
        return Boolean.TRUE.equals(autoFix);
    }

    @DataBoundSetter
    public void setAutoFix(boolean autoFix) {
        this.autoFix = autoFix;
        save();
    }

    /** Branch names or globs, separated by spaces, commas or lines. */
    public String getAutoFixBranches() {
        return autoFixBranches == null ? DEFAULT_AUTO_FIX_BRANCHES : autoFixBranches;
    }

    @DataBoundSetter
    public void setAutoFixBranches(String autoFixBranches) {
        this.autoFixBranches = Util.fixEmptyAndTrim(autoFixBranches);
        save();
    }

    public boolean isAutoFixPullRequests() {
        return Boolean.TRUE.equals(autoFixPullRequests);
    }

    @DataBoundSetter
    public void setAutoFixPullRequests(boolean autoFixPullRequests) {
        this.autoFixPullRequests = autoFixPullRequests;
        save();
    }

    public int getAutoFixMaxRunning() {
        return autoFixMaxRunning == null ? AutoFixLimits.DEFAULT_MAX_RUNNING : autoFixMaxRunning;
    }

    @DataBoundSetter
    public void setAutoFixMaxRunning(int autoFixMaxRunning) {
        this.autoFixMaxRunning = RolloutChecks.requireLimit("autoFixMaxRunning", autoFixMaxRunning, 1);
        save();
    }

    public int getAutoFixMaxWaiting() {
        return autoFixMaxWaiting == null ? AutoFixLimits.DEFAULT_MAX_WAITING : autoFixMaxWaiting;
    }

    @DataBoundSetter
    public void setAutoFixMaxWaiting(int autoFixMaxWaiting) {
        this.autoFixMaxWaiting = RolloutChecks.requireLimit("autoFixMaxWaiting", autoFixMaxWaiting, 0);
        save();
    }

    /** How many automatic fixes run at once and how many may wait. */
    public AutoFixLimits getAutoFixLimits() {
        return new AutoFixLimits(getAutoFixMaxRunning(), getAutoFixMaxWaiting());
    }

    /**
     * Takes this class's numbers out of a submitted form, refusing a wrong one with its field's name;
     * what it returns applies them once the rest of the form is bound.
     */
    protected Runnable takeRolloutNumbers(JSONObject form) throws FormException {
        Integer perHour = RolloutChecks.formBudget(form, "budgetPerHour");
        Integer perDay = RolloutChecks.formBudget(form, "budgetPerDay");
        int running = RolloutChecks.formLimit(form, "autoFixMaxRunning", AutoFixLimits.DEFAULT_MAX_RUNNING, 1);
        int waiting = RolloutChecks.formLimit(form, "autoFixMaxWaiting", AutoFixLimits.DEFAULT_MAX_WAITING, 0);
        List<Runnable> apply = new ArrayList<>();
        apply.add(() -> setBudgetPerHour(perHour));
        apply.add(() -> setBudgetPerDay(perDay));
        apply.add(() -> setAutoFixMaxRunning(running));
        apply.add(() -> setAutoFixMaxWaiting(waiting));
        return () -> apply.forEach(Runnable::run);
    }
}

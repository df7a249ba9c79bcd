package io.jenkins.plugins.codegen.plugin.scope;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.scope.SettingValues;

/**
 * What a folder ({@link CodegenFolderProperty}) or a job ({@link CodegenJobProperty}) sets: the
 * defaults of its tasks, its budget and its automatic fixes. Every value may be null: not set here,
 * taken from the layers further out (docs/administration.md).
 */
public interface CodegenScopeProperty {
    @CheckForNull
    String getCredentialsId();

    void setCredentialsId(String credentialsId);

    @CheckForNull
    Long getOrgId();

    void setOrgId(Long orgId);

    /** {@code minimal}, {@code standard} or {@code comprehensive}. */
    @CheckForNull
    String getOptimizationLevel();

    void setOptimizationLevel(String optimizationLevel);

    /** {@code rest}, {@code sdk} or {@code auto}. */
    @CheckForNull
    String getBackend();

    void setBackend(String backend);

    /** Minutes. */
    @CheckForNull
    Integer getTimeout();

    void setTimeout(Integer timeout);

    @CheckForNull
    Boolean getMock();

    void setMock(Boolean mock);

    @CheckForNull
    Integer getBudgetPerHour();

    void setBudgetPerHour(Integer budgetPerHour);

    @CheckForNull
    Integer getBudgetPerDay();

    void setBudgetPerDay(Integer budgetPerDay);

    @CheckForNull
    Boolean getAutoFix();

    void setAutoFix(Boolean autoFix);

    /** Branch names or globs separated by spaces, commas or lines. */
    @CheckForNull
    String getAutoFixBranches();

    void setAutoFixBranches(String autoFixBranches);

    @CheckForNull
    Boolean getAutoFixPullRequests();

    void setAutoFixPullRequests(Boolean autoFixPullRequests);

    /** The task defaults this layer sets. */
    default SettingValues settingValues() {
        return ScopeFields.settingValues(this);
    }

    /** This scope's own budget. */
    default BudgetLimits budget() {
        return new BudgetLimits(getBudgetPerHour(), getBudgetPerDay());
    }

    /** Whether it sets nothing at all, so that a form left empty stores no property. */
    default boolean isEmpty() {
        return ScopeFields.isEmpty(this);
    }
}

package io.jenkins.plugins.codegen.plugin.scope;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Job;
import hudson.model.JobProperty;
import hudson.model.JobPropertyDescriptor;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * A job's own Codegen settings ({@code properties([codegenJob(autoFix: false)])} in a Pipeline): its
 * tasks' defaults, its budget and its automatic fixes, over those of its folders. On a branch job of a
 * multibranch project only the automatic-fix values count: the project's folder property is the job
 * layer of all its branches (docs/administration.md), since branch jobs come and go with branches.
 */
public class CodegenJobProperty extends JobProperty<Job<?, ?>> implements CodegenScopeProperty {
    private String credentialsId;
    private Long orgId;
    private String optimizationLevel;
    private String backend;
    private Integer timeout;
    private Boolean mock;
    private Integer budgetPerHour;
    private Integer budgetPerDay;
    private Boolean autoFix;
    private String autoFixBranches;
    private Boolean autoFixPullRequests;

    @DataBoundConstructor
    public CodegenJobProperty() {
    }

    @Override
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @Override
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = ScopeFields.text(credentialsId);
    }

    @Override
    @CheckForNull
    public Long getOrgId() {
        return orgId;
    }

    @Override
    @DataBoundSetter
    public void setOrgId(Long orgId) {
        this.orgId = ScopeFields.orgId(orgId);
    }

    @Override
    @CheckForNull
    public String getOptimizationLevel() {
        return optimizationLevel;
    }

    @Override
    @DataBoundSetter
    public void setOptimizationLevel(String optimizationLevel) {
        this.optimizationLevel = ScopeFields.optimizationLevel(optimizationLevel);
    }

    @Override
    @CheckForNull
    public String getBackend() {
        return backend;
    }

    @Override
    @DataBoundSetter
    public void setBackend(String backend) {
        this.backend = ScopeFields.backend(backend);
    }

    @Override
    @CheckForNull
    public Integer getTimeout() {
        return timeout;
    }

    @Override
    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        this.timeout = ScopeFields.timeout(timeout);
    }

    @Override
    @CheckForNull
    public Boolean getMock() {
        return mock;
    }

    @Override
    @DataBoundSetter
    public void setMock(Boolean mock) {
        this.mock = mock;
    }

    @Override
    @CheckForNull
    public Integer getBudgetPerHour() {
        return budgetPerHour;
    }

    @Override
    @DataBoundSetter
    public void setBudgetPerHour(Integer budgetPerHour) {
        this.budgetPerHour = ScopeFields.budget("budgetPerHour", budgetPerHour);
    }

    @Override
    @CheckForNull
    public Integer getBudgetPerDay() {
        return budgetPerDay;
    }

    @Override
    @DataBoundSetter
    public void setBudgetPerDay(Integer budgetPerDay) {
        this.budgetPerDay = ScopeFields.budget("budgetPerDay", budgetPerDay);
    }

    @Override
    @CheckForNull
    public Boolean getAutoFix() {
        return autoFix;
    }

    @Override
    @DataBoundSetter
    public void setAutoFix(Boolean autoFix) {
        this.autoFix = autoFix;
    }

    @Override
    @CheckForNull
    public String getAutoFixBranches() {
        return autoFixBranches;
    }

    @Override
    @DataBoundSetter
    public void setAutoFixBranches(String autoFixBranches) {
        this.autoFixBranches = ScopeFields.text(autoFixBranches);
    }

    @Override
    @CheckForNull
    public Boolean getAutoFixPullRequests() {
        return autoFixPullRequests;
    }

    @Override
    @DataBoundSetter
    public void setAutoFixPullRequests(Boolean autoFixPullRequests) {
        this.autoFixPullRequests = autoFixPullRequests;
    }

    @Extension
    @Symbol("codegenJob")
    public static class DescriptorImpl extends JobPropertyDescriptor implements ScopeForm {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CodegenJobProperty_DisplayName();
        }

        /** The fields are a folder's, and so is their help, which says "this folder (or this job)". */
        @Override
        public String getHelpFile(String fieldName) {
            return ExtensionList.lookupSingleton(CodegenFolderProperty.DescriptorImpl.class).getHelpFile(fieldName);
        }

        @SuppressWarnings("rawtypes")
        @Override
        public boolean isApplicable(Class<? extends Job> jobType) {
            return true;
        }

        /** A form left empty stores nothing: the job inherits everything. */
        @CheckForNull
        @Override
        public CodegenJobProperty newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            CodegenJobProperty property = new CodegenJobProperty();
            ScopeFormData.bind(formData, property);
            return property.isEmpty() ? null : property;
        }
    }
}

package io.jenkins.plugins.codegen.plugin.scope;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * A folder's Codegen settings: the defaults its jobs' tasks take when their steps do not say, its
 * budget (every run of a job anywhere inside counts) and its automatic fixes. A multibranch project
 * is a folder too: this is how it gets its settings and its budget, which all its branch jobs share.
 * Nothing set means the folders further out, then the global configuration, decide.
 */
public class CodegenFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> implements CodegenScopeProperty {
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
    public CodegenFolderProperty() {
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
    @Symbol("codegen")
    public static class DescriptorImpl extends AbstractFolderPropertyDescriptor implements ScopeForm {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CodegenFolderProperty_DisplayName();
        }

        /** A form left empty stores nothing: the folder inherits everything. */
        @CheckForNull
        @Override
        public CodegenFolderProperty newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            CodegenFolderProperty property = new CodegenFolderProperty();
            ScopeFormData.bind(formData, property);
            return property.isEmpty() ? null : property;
        }
    }
}

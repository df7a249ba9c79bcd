package io.jenkins.plugins.codegen.plugin.wait;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.codegen.plugin.config.CodegenCredentials;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code def r = codegenWait(run: started)} or {@code codegenWait(runId: 123)}: waits for an agent run
 * that exists, typically one {@code codegenTask(wait: false)} created inside {@code node {}}, and
 * returns the map a waiting {@code codegenTask} returns. It needs neither a node nor a workspace: the
 * controller's watcher follows the run, so the wait holds no executor and starts no process, and it
 * continues from the run id after a controller restart.
 */
public class CodegenWaitStep extends Step {
    private Map<String, Object> run;
    private Long runId;
    private String credentialsId;
    private Long orgId;
    private Integer timeout;
    /** Null means true, as for {@code codegenTask}. */
    private Boolean failOnError;

    @DataBoundConstructor
    public CodegenWaitStep() {
    }

    /** The map {@code codegenTask} returned; its {@code runId} is the run to wait for. */
    @CheckForNull
    public Map<String, Object> getRun() {
        return run == null ? null : new LinkedHashMap<>(run);
    }

    @DataBoundSetter
    public void setRun(@CheckForNull Map<String, Object> run) {
        this.run = run == null ? null : new LinkedHashMap<>(run);
    }

    @CheckForNull
    public Long getRunId() {
        return runId;
    }

    @DataBoundSetter
    public void setRunId(@CheckForNull Long runId) {
        this.runId = runId;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @CheckForNull
    public Long getOrgId() {
        return orgId;
    }

    @DataBoundSetter
    public void setOrgId(@CheckForNull Long orgId) {
        this.orgId = orgId;
    }

    /** Minutes to wait from the step's start; the global timeout when not given. */
    @CheckForNull
    public Integer getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(@CheckForNull Integer timeout) {
        this.timeout = timeout;
    }

    public boolean isFailOnError() {
        return failOnError == null || failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError ? null : Boolean.FALSE;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new CodegenWaitExecution(context, this);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        /**
         * The id a Pipeline build keeps in each of its steps, as it was before this class moved into
         * this package: the steps of earlier builds still find their descriptor (and their name).
         */
        @Override
        public String getId() {
            return "io.jenkins.plugins.codegen.plugin.CodegenWaitStep";
        }

        /** No FilePath, Launcher or EnvVars: the step runs outside {@code node {}} and holds no executor. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "codegenWait";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CodegenWaitStep_DisplayName();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CodegenCredentials.fillForItem(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CodegenCredentials.checkForItem(item, value);
        }
    }
}

package io.jenkins.plugins.codegen.plugin.parameters;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.integrator.FollowUp;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import java.io.Serializable;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code resume: [runId: 123, prompt: 'Address the review: ...']} of {@code codegenTask} and of the
 * freestyle build step: instead of a new task, a follow-up on an existing agent run (the API's
 * resume), e.g. after a review comment or a failed check of its pull request. The run continues with
 * the prompt, sent as written, and the step follows it as usual. A resume cannot be tagged, so the
 * engine never sends it twice.
 *
 * <p>Stored by XStream inside the builder's {@code parameters} and kept (serialized) in a running
 * Pipeline's state: fields may be added, not renamed.
 */
public final class CodegenFollowUp implements Describable<CodegenFollowUp>, Serializable {
    private static final long serialVersionUID = 1L;

    private final long runId;
    private final String prompt;

    @DataBoundConstructor
    public CodegenFollowUp(long runId, String prompt) {
        this.runId = runId;
        this.prompt = Util.fixEmptyAndTrim(prompt) == null ? null : prompt.strip();
    }

    @Override
    public DescriptorImpl getDescriptor() {
        return Jenkins.get().getDescriptorByType(DescriptorImpl.class);
    }

    /** The agent run to continue, as its page or an earlier result ({@code r.runId}) shows it. */
    public long getRunId() {
        return runId;
    }

    /** What the agent is to do next; null when not given. */
    @CheckForNull
    public String getPrompt() {
        return prompt;
    }

    /**
     * The engine's follow-up, valid for a maximum prompt length.
     *
     * @param owner how messages name a parameter, before its name, e.g. {@code "codegenTask parameter "}
     * @throws CodegenException a {@code VALIDATION} failure naming {@code resume.runId} or {@code resume.prompt}
     */
    FollowUp toFollowUp(String owner, int maxPromptLength) throws CodegenException {
        FollowUp followUp = new FollowUp(runId, prompt);
        try {
            followUp.requireValid(maxPromptLength);
        } catch (CodegenException e) {
            List<FieldError> named = e.getFieldErrors().stream()
                    .map(f -> new FieldError(owner + f.field(), f.problem(), f.remedy())).toList();
            throw named.isEmpty() ? e : CodegenException.invalid(named);
        }
        return followUp;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<CodegenFollowUp> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Follow-up on an agent run";
        }

        @POST
        public FormValidation doCheckRunId(@AncestorInPath Item item, @QueryParameter String value) {
            if (!TaskForms.mayCheck(item)) {
                return FormValidation.ok();
            }
            return check("resume.runId", parseRunId(value), "x");
        }

        @POST
        public FormValidation doCheckPrompt(@AncestorInPath Item item, @QueryParameter String value) {
            if (!TaskForms.mayCheck(item)) {
                return FormValidation.ok();
            }
            return check("resume.prompt", 1, value);
        }

        /** What the engine's validation says about the one field, the other being valid. */
        private static FormValidation check(String field, long runId, @CheckForNull String prompt) {
            try {
                new CodegenFollowUp(runId, prompt).toFollowUp("", CodegenGlobalConfiguration.get()
                        .getMaxPromptLength());
                return FormValidation.ok();
            } catch (CodegenException e) {
                return e.getFieldErrors().stream().filter(f -> f.field().equals(field)).findFirst()
                        .map(f -> FormValidation.error(f.problem() + ". " + f.remedy())).orElse(FormValidation.ok());
            }
        }

        private static long parseRunId(@CheckForNull String value) {
            try {
                return Long.parseLong(Util.fixNull(value).strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}

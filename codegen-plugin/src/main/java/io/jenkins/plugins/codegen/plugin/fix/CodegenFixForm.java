package io.jenkins.plugins.codegen.plugin.fix;

import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.codegen.fix.GitRemote;
import io.jenkins.plugins.codegen.fix.LogExcerpt;
import io.jenkins.plugins.codegen.plugin.config.FormChecks;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenConnectionForm;
import io.jenkins.plugins.codegen.plugin.parameters.TaskForms;
import io.jenkins.plugins.codegen.plugin.task.CodegenTaskForm;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The web methods of the fix form ({@code CodegenFixStep/config.jelly}), for the two descriptors
 * that show it: {@code CodegenFixStep.DescriptorImpl} and {@code CodegenFixPublisher.DescriptorImpl}
 * (see {@link CodegenTaskForm} for why an interface). The connection options are checked as a
 * task's are ({@link CodegenConnectionForm}); what the checks say lives in {@link TaskForms}.
 */
public interface CodegenFixForm extends CodegenConnectionForm {

    @POST
    default FormValidation doCheckLogLines(@AncestorInPath Item item, @QueryParameter String value) {
        if (!TaskForms.mayCheck(item)) {
            return FormValidation.ok();
        }
        Long lines;
        try {
            lines = FormChecks.parseWhole(value);
        } catch (NumberFormatException e) {
            return FormChecks.notAWholeNumber("lines");
        }
        if (lines == null) {
            return FormValidation.ok("Blank: the last " + LogExcerpt.DEFAULT_LINES + " lines.");
        }
        return lines >= 1 && lines <= LogExcerpt.MAX_LINES ? FormValidation.ok()
                : FormValidation.error("Enter from 1 to " + LogExcerpt.MAX_LINES + " lines.");
    }

    @POST
    default FormValidation doCheckRepository(@AncestorInPath Item item, @QueryParameter String value) {
        if (!TaskForms.mayCheck(item)) {
            return FormValidation.ok();
        }
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok("Blank: the repository the build checked out (GIT_URL).");
        }
        return GitRemote.ownerAndName(value).isPresent() ? FormValidation.ok()
                : FormValidation.error("Give the repository as owner/name (acme/webapp) or as the URL the build "
                + "cloned.");
    }

    @POST
    default FormValidation doCheckBranch(@AncestorInPath Item item, @QueryParameter String value) {
        if (!TaskForms.mayCheck(item) || Util.fixEmptyAndTrim(value) != null) {
            return FormValidation.ok();
        }
        return FormValidation.ok("Blank: the branch the build checked out (GIT_BRANCH, else BRANCH_NAME).");
    }

    @POST
    default FormValidation doCheckCommit(@AncestorInPath Item item, @QueryParameter String value) {
        if (!TaskForms.mayCheck(item)) {
            return FormValidation.ok();
        }
        String commit = Util.fixEmptyAndTrim(value);
        if (commit == null) {
            return FormValidation.ok("Blank: the commit the build checked out (GIT_COMMIT).");
        }
        return commit.matches("[0-9a-fA-F]{7,64}") || commit.contains("$") ? FormValidation.ok()
                : FormValidation.error("Give the full commit id (7 to 64 hex digits), e.g. from git rev-parse HEAD.");
    }

    @POST
    default FormValidation doCheckCodegenBranchPrefix(@AncestorInPath Item item, @QueryParameter String value) {
        if (!TaskForms.mayCheck(item) || Util.fixEmptyAndTrim(value) != null) {
            return FormValidation.ok();
        }
        return FormValidation.ok("Blank: the global setting.");
    }
}

package io.jenkins.plugins.codegen.plugin.parameters;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.codegen.plugin.config.CodegenCredentials;
import io.jenkins.plugins.codegen.plugin.config.SettingChoices;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The web methods of the connection fragment ({@code CodegenTaskStep/connection.jelly}), which the
 * task form and the fix form both include: written once, for every descriptor that shows it (see
 * {@code CodegenTaskForm} for why an interface, and why public). What the checks say lives in
 * {@link TaskForms}, {@link SettingChoices} and {@link CodegenCredentials}.
 */
public interface CodegenConnectionForm {

    @POST
    default ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return CodegenCredentials.fillForItem(item, credentialsId);
    }

    @POST
    default ListBoxModel doFillOptimizationLevelItems() {
        return SettingChoices.optimizationLevels("(global setting)");
    }

    @POST
    default ListBoxModel doFillBackendItems() {
        return SettingChoices.backends("(global setting)");
    }

    @POST
    default FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        return CodegenCredentials.checkForItem(item, value);
    }

    @POST
    default FormValidation doCheckOrgId(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkOrgId(value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckOptimizationLevel(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkChoiceOf("optimizationLevel", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckMaxRetries(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkMaxRetries(value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkTimeout(value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckBackend(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkChoiceOf("backend", value) : FormValidation.ok();
    }
}

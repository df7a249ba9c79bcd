package io.jenkins.plugins.codegen.plugin.task;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenConnectionForm;
import io.jenkins.plugins.codegen.plugin.parameters.TaskForms;
import java.util.Collection;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The web methods of the task form ({@code CodegenTaskStep/config.jelly}), written once for the two
 * descriptors that show it: {@code CodegenTaskStep.DescriptorImpl} and {@code CodegenBuilder.DescriptorImpl}.
 * They cannot share a base class ({@code StepDescriptor} and {@code BuildStepDescriptor} differ), so
 * they share this interface. Its default methods are found where the form looks for them: Jenkins
 * finds {@code doCheckX}/{@code doFillXItems} with {@code Class.getMethods()}, which includes them, and
 * Stapler dispatches to the public methods it collects from a class's interfaces too
 * ({@code ClassDescriptor.findMethods}). It must stay public: Stapler invokes the methods by reflection.
 *
 * <p>Every method here answers one field of the form; what it checks lives in {@link TaskForms}.
 */
public interface CodegenTaskForm extends CodegenConnectionForm, CustomDescribableModel {

    /** List parameters may be given as text, one item per line (see {@link TaskForms}). */
    @NonNull
    @Override
    default Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
        return TaskForms.customInstantiate(arguments);
    }

    /** A list parameter as its text area shows it. */
    default String lines(@CheckForNull Collection<String> items) {
        return TaskForms.joinLines(items);
    }

    @POST
    default ListBoxModel doFillPriorityItems() {
        return TaskForms.priorities();
    }

    @POST
    default ListBoxModel doFillTaskTypeItems() {
        return TaskForms.taskTypes();
    }

    @POST
    default FormValidation doCheckTitle(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkTitle(value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckDescription(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkTaskText("description", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckRequirements(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkTaskList("requirements", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckAcceptanceCriteria(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkTaskList("acceptanceCriteria", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckPriority(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkChoiceOf("priority", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckComplexityScore(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkComplexityScore(value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckLanguage(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkTaskText("language", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckFramework(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkTaskText("framework", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckTestingFramework(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkTaskText("testingFramework", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckAffectedFiles(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkTaskList("affectedFiles", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckRelatedTasks(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkTaskList("relatedTasks", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckTaskType(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkChoiceOf("taskType", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckTaskId(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkTaskText("taskId", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckRepository(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkCodebase("repository", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckBranch(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkCodebase("branch", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckExistingFiles(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkCodebase("existingFiles", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckDependencies(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkCodebase("dependencies", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckArchitecture(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkProject("architecture", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckDeployment(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkProject("deployment", value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckProjectContext(@AncestorInPath Item item, @QueryParameter String value) {
        return TaskForms.mayCheck(item) ? TaskForms.checkProject("projectContext", value) : FormValidation.ok();
    }
}

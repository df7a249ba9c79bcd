package io.jenkins.plugins.codegen.plugin.parameters;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.integrator.FollowUp;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's follow-up from a step's {@code resume} parameter, checked against the rest of the
 * step: a follow-up sends only its prompt to the existing run, so a task field or a task file given
 * beside it would be silently ignored; each one is named as an error instead, together with what is
 * wrong with {@code resume.runId} and {@code resume.prompt}. Needs no Jenkins class.
 */
public final class FollowUpInputs {
    /** The step's fields that describe a new task: none of them is sent with a follow-up. */
    private static final List<String> TASK_FIELDS = List.of("title", "description", "requirements",
            "acceptanceCriteria", "taskType", "priority", "complexityScore", "language", "framework",
            "testingFramework", "affectedFiles", "relatedTasks", "taskId", "repository", "branch", "existingFiles",
            "dependencies", "architecture", "deployment");

    private FollowUpInputs() {
    }

    /**
     * @param owner how messages name a parameter, before its name, e.g. {@code "codegenTask parameter "}
     * @param maxPromptLength the settings' maximum prompt length
     * @throws CodegenException a {@code VALIDATION} failure naming every field at fault
     */
    public static FollowUp of(CodegenTaskParameters parameters, CodegenFollowUp resume, String owner, int maxPromptLength)
            throws CodegenException {
        List<FieldError> errors = new ArrayList<>();
        for (String field : TASK_FIELDS) {
            if (parameters.taskValue(field) != null) {
                errors.add(notWithResume(owner + field));
            }
        }
        if (parameters.getProjectContext() != null) {
            errors.add(notWithResume(owner + "projectContext"));
        }
        if (parameters.getTaskFile() != null) {
            errors.add(notWithResume(owner + "taskFile"));
        }
        if (parameters.getContextFile() != null) {
            errors.add(notWithResume(owner + "contextFile"));
        }
        FollowUp followUp = null;
        try {
            followUp = resume.toFollowUp(owner, maxPromptLength);
        } catch (CodegenException e) {
            errors.addAll(e.getFieldErrors());
        }
        if (!errors.isEmpty() || followUp == null) {
            throw CodegenException.invalid(errors);
        }
        return followUp;
    }

    private static FieldError notWithResume(String field) {
        return new FieldError(field, "cannot be given with resume",
                "A follow-up sends only resume.prompt to the existing agent run: leave the task's fields and files "
                        + "out, or leave resume out to start a new task.");
    }
}

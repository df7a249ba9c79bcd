package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A follow-up on an existing agent run (the API's resume): the run continues with this prompt, the
 * natural next step after a review comment or a failed check of its pull request. Unlike a create,
 * a resume cannot be tagged, so an attempt whose outcome is unknown is never sent again.
 *
 * @param runId the agent run to continue
 * @param prompt what the agent is to do next, sent as it is (the task prompt's optimizer does not apply)
 */
public record FollowUp(long runId, String prompt) {

    /** The title of a follow-up's result and record. */
    public String title() {
        return "Follow-up of agent run " + runId;
    }

    /**
     * @param maxPromptLength the settings' maximum prompt length
     * @throws CodegenException a {@code VALIDATION} failure naming {@code resume.runId} or {@code resume.prompt}
     */
    public void requireValid(int maxPromptLength) throws CodegenException {
        List<FieldError> errors = new ArrayList<>();
        if (runId <= 0) {
            errors.add(new FieldError("resume.runId", "must be a positive number",
                    "Give the id of the agent run to follow up, as the run's page or an earlier result shows it."));
        }
        if (prompt == null || prompt.isBlank()) {
            errors.add(new FieldError("resume.prompt", "is empty",
                    "Say what the agent is to do next, e.g. 'Address the review comments on the pull request'."));
        } else if (prompt.length() > maxPromptLength) {
            errors.add(new FieldError("resume.prompt", String.format(Locale.ROOT,
                    "is %,d characters, more than the maximum prompt length of %,d", prompt.length(),
                    maxPromptLength), "Shorten it, or raise the maximum prompt length in the settings."));
        }
        if (!errors.isEmpty()) {
            throw CodegenException.invalid(errors);
        }
    }
}

package io.jenkins.plugins.codegen.prompt;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.TaskContext;
import java.util.List;
import java.util.Objects;

/**
 * Turns a task and its context into the prompt the Codegen agent receives: Markdown, with the
 * content of the chosen {@link OptimizationLevel}, never longer than
 * {@link PromptOptions#maxPromptLength()}. When the full prompt is too long, the least important
 * parts are shed first (see {@link PromptShedder}) and the result says what was shed.
 *
 * <p>The same task, context and options always give the same prompt. The task is not validated
 * here; run {@link io.jenkins.plugins.codegen.task.TaskValidator} first.
 */
public final class PromptOptimizer {
    private final PromptOptions options;

    public PromptOptimizer(PromptOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @throws CodegenException a {@link io.jenkins.plugins.codegen.error.ErrorType#VALIDATION VALIDATION}
     *         failure when the options are invalid or the title and requirements alone exceed the cap
     */
    public OptimizedPrompt optimize(CodegenTask task, TaskContext context) throws CodegenException {
        List<FieldError> errors = options.validate();
        if (!errors.isEmpty()) {
            throw CodegenException.invalid(errors);
        }
        PromptDraft draft = PromptComposer.compose(task, context, options);
        int originalLength = draft.length();
        List<String> shed = PromptShedder.fit(draft, options.maxPromptLength());
        return new OptimizedPrompt(draft.render(), options.level(), originalLength, shed);
    }
}

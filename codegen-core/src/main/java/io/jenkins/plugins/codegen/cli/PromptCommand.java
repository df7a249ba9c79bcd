package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.prompt.OptimizedPrompt;
import io.jenkins.plugins.codegen.prompt.PromptOptimizer;
import io.jenkins.plugins.codegen.prompt.PromptOptions;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.task.TaskValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code codegen prompt}: a dry run that shows what {@code run} would send. */
@Command(name = "prompt", mixinStandardHelpOptions = true,
        description = {
            "Prints the prompt a task would be sent with, on stdout, and its level and sizes on stderr. Sends "
                    + "nothing and needs no token: use it to tune a task file or compare levels.",
            ""})
final class PromptCommand extends CliCommand {
    @Mixin
    TaskArguments files;

    @Mixin
    PromptArguments prompt;

    /** Validates the task as {@code run} does, so that a prompt shown here is one that {@code run} would send. */
    @Override
    ExitStatus execute(Terminal terminal) throws CodegenException {
        TaskArguments.Input input = files.read(terminal);
        PromptOptions options = options();
        OptionNames.requireNone(options.validate());
        TaskValidator.requireValid(input.task(), input.context());
        OptimizedPrompt optimized = new PromptOptimizer(options).optimize(input.task(), input.context());
        if (json) {
            terminal.json(toMap(optimized));
        } else {
            terminal.print(optimized.text());
        }
        terminal.note("Prompt: " + ResultSummary.promptSizes(optimized.level().wireName(), optimized.finalLength(),
                optimized.originalLength(), optimized.shed()));
        return ExitStatus.SUCCESS;
    }

    /** The settings' defaults with this command's options, as {@code run} would have them. */
    private PromptOptions options() {
        CodegenSettings.Builder builder = CodegenSettings.builder();
        prompt.applyTo(builder);
        CodegenSettings settings = builder.build();
        return new PromptOptions(settings.optimizationLevel(), settings.maxPromptLength(), settings.includeExamples());
    }

    private static Map<String, Object> toMap(OptimizedPrompt prompt) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("level", prompt.level().wireName());
        map.put("originalLength", prompt.originalLength());
        map.put("length", prompt.finalLength());
        map.put("shed", prompt.shed());
        map.put("prompt", prompt.text());
        return map;
    }
}

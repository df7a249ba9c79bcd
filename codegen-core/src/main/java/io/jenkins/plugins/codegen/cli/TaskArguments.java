package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --task} and {@code --context}: the files a task is read from. */
final class TaskArguments {
    @Option(names = "--task", required = true, paramLabel = "FILE",
            description = "The task, a JSON file (see examples/task-feature.json).")
    Path task;

    @Option(names = "--context", paramLabel = "FILE",
            description = "The codebase and project context, a JSON file (see examples/context.json).")
    Path context;

    record Input(CodegenTask task, TaskContext context) {
    }

    /** Reads both files; keys that were ignored are printed as warnings before anything runs. */
    Input read(Terminal terminal) throws CodegenException {
        TaskJson.Parsed<CodegenTask> parsedTask = TaskJson.readTask(existing(task, "task"));
        TaskJson.Parsed<TaskContext> parsedContext = context == null
                ? new TaskJson.Parsed<>(TaskContext.empty(), List.of())
                : TaskJson.readContext(existing(context, "context"));
        parsedTask.warnings().forEach(terminal::warning);
        parsedContext.warnings().forEach(terminal::warning);
        return new Input(parsedTask.value(), parsedContext.value());
    }

    /** Says which file is missing in the user's words, and where a relative path was looked for. */
    private static Path existing(Path file, String role) throws CodegenException {
        if (Files.isRegularFile(file)) {
            return file;
        }
        String problem = Files.isDirectory(file) ? "is a directory" : "not found";
        throw CodegenException.builder(ErrorType.VALIDATION, role + " file '" + file + "' " + problem)
                .guidance("Give the path of a JSON file" + (file.isAbsolute() ? "."
                        : "; a relative path starts from the current directory, " + Paths.get("").toAbsolutePath()
                        + "."))
                .build();
    }
}

package io.jenkins.plugins.codegen.plugin.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Util;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenTaskParameters;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** The task and context files a step names: paths in its workspace (on the agent), read as UTF-8 JSON. */
final class TaskFiles {
    /** Task and context files are a few kilobytes; anything this large is a wrong path. */
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private final FilePath workspace;
    private final EnvVars environment;
    private final String owner;

    /** @param owner how messages name a parameter, before its name, e.g. {@code "codegenTask parameter "} */
    TaskFiles(FilePath workspace, EnvVars environment, String owner) {
        this.workspace = workspace;
        this.environment = environment;
        this.owner = owner;
    }

    interface JsonReader<T> {
        TaskJson.Parsed<T> read(Reader reader, String source) throws CodegenException;
    }

    /** Reads a task or context file of the workspace (on the agent) as UTF-8 JSON. */
    <T> TaskJson.Parsed<T> read(String path, String parameter, JsonReader<T> reader)
            throws CodegenException, IOException, InterruptedException {
        FilePath file = workspace.child(path);
        String problem = null;
        if (!file.exists()) {
            problem = "does not exist (looked for " + file.getRemote() + ")";
        } else if (file.isDirectory()) {
            problem = "is a folder, not a file";
        } else if (file.length() > MAX_FILE_BYTES) {
            problem = "is larger than 1 MiB";
        }
        if (problem != null) {
            throw CodegenException.invalid(List.of(new FieldError(owner + parameter + " '" + path + "'", problem,
                    "Give the path of a JSON file relative to the workspace, e.g. ci/task.json.")));
        }
        try (InputStream in = file.read(); Reader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return reader.read(text, path);
        }
    }

    /** The task and context files a step named, read; a value is null where no file was named. */
    record Named(@CheckForNull String taskFile, @CheckForNull CodegenTask task, @CheckForNull String contextFile,
                 @CheckForNull TaskContext context) {
    }

    /** Reads the task and context files the parameters name; the notes on them go to {@code notes}. */
    Named read(CodegenTaskParameters parameters, Consumer<String> notes)
            throws CodegenException, IOException, InterruptedException {
        String taskFile = path(parameters.getTaskFile());
        String contextFile = path(parameters.getContextFile());
        TaskJson.Parsed<CodegenTask> task = taskFile == null ? null : read(taskFile, "taskFile", TaskJson::readTask);
        TaskJson.Parsed<TaskContext> context = contextFile == null ? null
                : read(contextFile, "contextFile", TaskJson::readContext);
        for (TaskJson.Parsed<?> parsed : Arrays.asList(task, context)) {
            if (parsed != null) {
                parsed.warnings().forEach(notes);
            }
        }
        return new Named(taskFile, task == null ? null : task.value(), contextFile,
                context == null ? null : context.value());
    }

    /** A path relative to the workspace, with the build's variables ({@code ${BUILD_NUMBER}}) expanded. */
    @CheckForNull
    String path(@CheckForNull String value) {
        String text = Util.fixEmptyAndTrim(value);
        return text == null ? null : environment.expand(text);
    }
}

package io.jenkins.plugins.codegen.plugin.parameters;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.Priority;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.RelatedTask;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskType;
import io.jenkins.plugins.codegen.task.TaskValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task and its context from a step's parameters and, if given, its task and context files: a
 * parameter that was given wins over the file's value (project facts merge, the parameter winning
 * for a name both give). It remembers where each value came from, so that a validation failure
 * names what the user wrote: the step's parameter, or the entry in the file. Needs no Jenkins class.
 */
public final class TaskInputs {
    /** The engine's name of a task or context field, split into the step parameter and what follows it. */
    private static final Pattern ENGINE_FIELD = Pattern.compile("^([A-Za-z_]+(?:\\.[A-Za-z_]+)?)(.*)$");

    private final CodegenTaskParameters parameters;
    private final String owner;
    private final String taskFile;
    private final String contextFile;
    private CodegenTask fileTask;
    private TaskContext fileContext;

    /**
     * @param owner how messages name a parameter, before its name, e.g. {@code "codegenTask parameter "}
     * @param taskFile the task file's name as the user gave it, or null
     * @param contextFile the context file's name as the user gave it, or null
     */
    public TaskInputs(CodegenTaskParameters parameters, String owner, @CheckForNull String taskFile,
               @CheckForNull String contextFile) {
        this.parameters = parameters;
        this.owner = owner;
        this.taskFile = taskFile;
        this.contextFile = contextFile;
    }

    /** A task and context, valid as far as the engine's validation goes. */
    public record Assembled(CodegenTask task, TaskContext context) {
    }

    /**
     * Merges the parameters over the files' contents and validates the result.
     *
     * @param fromTaskFile what the task file holds, or null when there is none
     * @param fromContextFile what the context file holds, or null when there is none
     * @throws CodegenException a {@code VALIDATION} failure naming each parameter or file entry at fault
     */
    public Assembled assemble(@CheckForNull CodegenTask fromTaskFile, @CheckForNull TaskContext fromContextFile)
            throws CodegenException {
        this.fileTask = fromTaskFile;
        this.fileContext = fromContextFile;
        CodegenTask file = fromTaskFile != null ? fromTaskFile : CodegenTask.builder().build();
        TaskContext context = fromContextFile != null ? fromContextFile : TaskContext.empty();
        List<FieldError> errors = new ArrayList<>();

        CodegenTask.Builder task = file.toBuilder();
        if (parameters.getTaskId() != null) {
            task.id(parameters.getTaskId());
        }
        if (parameters.getTaskType() != null) {
            TaskType.parse(parameters.getTaskType()).ifPresentOrElse(task::type, () -> errors.add(new FieldError(
                    parameter("taskType"), "is '" + parameters.getTaskType() + "'", "Use one of " + TaskType.names()
                    + ".")));
        }
        if (parameters.getTitle() != null) {
            task.title(parameters.getTitle());
        }
        if (parameters.getDescription() != null) {
            task.description(parameters.getDescription());
        }
        if (parameters.getRequirements() != null) {
            task.requirements(parameters.getRequirements());
        }
        if (parameters.getAcceptanceCriteria() != null) {
            task.acceptanceCriteria(parameters.getAcceptanceCriteria());
        }
        if (parameters.getComplexityScore() != null) {
            task.complexityScore(parameters.getComplexityScore());
        }
        if (parameters.getPriority() != null) {
            Priority.parse(parameters.getPriority()).ifPresentOrElse(task::priority, () -> errors.add(new FieldError(
                    parameter("priority"), "is '" + parameters.getPriority() + "'", "Use one of " + Priority.names()
                    + ".")));
        }
        if (parameters.getLanguage() != null) {
            task.language(parameters.getLanguage());
        }
        if (parameters.getFramework() != null) {
            task.framework(parameters.getFramework());
        }
        if (parameters.getTestingFramework() != null) {
            task.testingFramework(parameters.getTestingFramework());
        }
        if (parameters.getAffectedFiles() != null) {
            task.affectedFiles(parameters.getAffectedFiles());
        }
        List<String> relatedTasks = parameters.getRelatedTasks();
        if (relatedTasks != null) {
            task.relatedTasks(relatedTasks.stream().map(RelatedTask::withId).toList());
        }

        CodebaseContext codebase = context.codebase();
        codebase = new CodebaseContext(
                or(parameters.getRepository(), codebase.repository()),
                or(parameters.getBranch(), codebase.branch()),
                or(parameters.getExistingFiles(), codebase.existingFiles()),
                or(parameters.getDependencies(), codebase.dependencies()));
        ProjectContext project = context.project();
        Map<String, String> entries = new LinkedHashMap<>(project.entries());
        List<String> facts = parameters.getProjectContext();
        if (facts != null) {
            for (int i = 0; i < facts.size(); i++) {
                FieldError error = parseEntry(facts.get(i), i, entries);
                if (error != null) {
                    errors.add(new FieldError(parameter("projectContext") + "[" + i + "]", error.problem(),
                            error.remedy()));
                }
            }
        }
        project = new ProjectContext(or(parameters.getArchitecture(), project.architecture()),
                or(parameters.getDeployment(), project.deployment()), entries);

        Assembled assembled = new Assembled(task.build(), new TaskContext(codebase, project));
        for (FieldError error : TaskValidator.validate(assembled.task(), assembled.context())) {
            errors.add(rename(error));
        }
        if (!errors.isEmpty()) {
            throw CodegenException.invalid(errors);
        }
        return assembled;
    }

    /**
     * Reads one {@code name=value} project fact into {@code entries}.
     *
     * @return what is wrong with the line, or null
     */
    @CheckForNull
    static FieldError parseEntry(String line, int index, Map<String, String> entries) {
        int equals = line.indexOf('=');
        String name = equals < 0 ? "" : line.substring(0, equals).strip();
        if (equals < 0 || name.isEmpty()) {
            return new FieldError("projectContext[" + index + "]", "is not written as name=value",
                    "Write each fact as name=value, e.g. team=payments.");
        }
        entries.put(name, line.substring(equals + 1).strip());
        return null;
    }

    /** The error with its field named as the user wrote it: the step's parameter, or the entry of a file. */
    FieldError rename(FieldError error) {
        String engineField = error.field();
        Matcher m = ENGINE_FIELD.matcher(engineField);
        String head = m.matches() ? m.group(1) : engineField;
        String rest = m.matches() ? m.group(2) : "";
        String parameter;
        String suffix = rest;
        boolean fromContext = head.startsWith("codebase_context") || head.startsWith("project_context");
        switch (head) {
            case "id" -> parameter = "taskId";
            case "type" -> parameter = "taskType";
            case "codebase_context.repository" -> parameter = "repository";
            case "codebase_context.branch" -> parameter = "branch";
            case "codebase_context.existing_files" -> parameter = "existingFiles";
            case "codebase_context.dependencies" -> parameter = "dependencies";
            case "project_context.architecture" -> parameter = "architecture";
            case "project_context.deployment" -> parameter = "deployment";
            default -> {
                if (head.startsWith("project_context")) {
                    parameter = "projectContext";
                    String name = engineField.length() > "project_context.".length()
                            ? engineField.substring("project_context.".length()) : "";
                    suffix = name.isEmpty() ? "" : " (" + name + ")";
                } else {
                    parameter = head;
                }
            }
        }
        String label;
        if (given(parameter, engineField)) {
            label = parameter(parameter) + suffix;
        } else if (fromFile(parameter, engineField)) {
            label = "'" + engineField + "' in " + (fromContext ? contextFile : taskFile);
        } else {
            label = parameter(parameter) + suffix; // nobody gave it, e.g. a missing title
        }
        return new FieldError(label, error.problem(), error.remedy());
    }

    /** Whether the step gave the value the engine field holds (rather than a file). */
    private boolean given(String parameter, String engineField) {
        if (parameter.equals("projectContext")) {
            List<String> facts = parameters.getProjectContext();
            if (facts == null) {
                return false;
            }
            String name = engineField.startsWith("project_context.")
                    ? engineField.substring("project_context.".length()) : null;
            if (name == null) {
                return true;
            }
            return facts.stream().anyMatch(f -> f.indexOf('=') > 0 && f.substring(0, f.indexOf('=')).strip().equals(name));
        }
        return parameters.taskValue(parameter) != null;
    }

    /** Whether a task or context file gave the value the engine field holds. */
    private boolean fromFile(String parameter, String engineField) {
        if (fileContext != null && contextFile != null) {
            CodebaseContext codebase = fileContext.codebase();
            ProjectContext project = fileContext.project();
            switch (parameter) {
                case "repository" -> {
                    return !codebase.repository().isEmpty();
                }
                case "branch" -> {
                    return !codebase.branch().isEmpty();
                }
                case "existingFiles" -> {
                    return !codebase.existingFiles().isEmpty();
                }
                case "dependencies" -> {
                    return !codebase.dependencies().isEmpty();
                }
                case "architecture" -> {
                    return !project.architecture().isEmpty();
                }
                case "deployment" -> {
                    return !project.deployment().isEmpty();
                }
                case "projectContext" -> {
                    return engineField.startsWith("project_context.")
                            ? project.entries().containsKey(engineField.substring("project_context.".length()))
                            : !project.entries().isEmpty();
                }
                default -> {
                    // a task field: see below
                }
            }
        }
        if (fileTask == null || taskFile == null) {
            return false;
        }
        return switch (parameter) {
            case "taskId" -> !fileTask.id().isEmpty();
            case "title" -> !fileTask.title().isEmpty();
            case "description" -> !fileTask.description().isEmpty();
            case "requirements" -> !fileTask.requirements().isEmpty();
            case "acceptanceCriteria" -> !fileTask.acceptanceCriteria().isEmpty();
            case "complexityScore" -> fileTask.complexityScore().isPresent();
            case "priority" -> fileTask.priority().isPresent();
            case "language" -> !fileTask.language().isEmpty();
            case "framework" -> !fileTask.framework().isEmpty();
            case "testingFramework" -> !fileTask.testingFramework().isEmpty();
            case "affectedFiles" -> !fileTask.affectedFiles().isEmpty();
            case "relatedTasks" -> !fileTask.relatedTasks().isEmpty();
            default -> false;
        };
    }

    /** "codegenTask parameter requirements". */
    String parameter(String name) {
        return owner + name;
    }

    private static String or(@CheckForNull String given, String fromFile) {
        return given != null ? given : fromFile;
    }

    private static List<String> or(@CheckForNull List<String> given, List<String> fromFile) {
        return given != null ? given : fromFile;
    }
}

package io.jenkins.plugins.codegen.plugin.parameters;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.plugin.config.FormChecks;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.Priority;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.RelatedTask;
import io.jenkins.plugins.codegen.task.TaskType;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;

/**
 * What the {@code codegenTask} step and the freestyle build step share in their forms and in
 * Pipeline: how list parameters bind, the choices of the select boxes and the field checks.
 *
 * <p><b>List parameters</b> ({@code requirements}, {@code acceptanceCriteria}, ...) are
 * {@code List<String>}. In Pipeline they take a list ({@code requirements: ['a', 'b']}, which
 * structs binds natively) or a text with one item per line ({@link #customInstantiate}). In a form
 * they are a text area with one item per line: Stapler would bind that text as a one-item list, so
 * the descriptors' {@code newInstance} turns it into a JSON array first ({@link #toBindable}), and
 * the view shows the list one item per line ({@link #joinLines}). This is the arrangement of the
 * {@code withEnv} step.
 */
public final class TaskForms {

    private TaskForms() {
    }

    // ---- Binding ------------------------------------------------------------------------------

    /** The non-blank lines of a text, stripped; an item may not span lines in a form. */
    static List<String> lines(@CheckForNull String text) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    items.add(line.strip());
                }
            }
        }
        return items;
    }

    /** A list as a text area shows it: one item per line. */
    public static String joinLines(@CheckForNull Collection<String> items) {
        return items == null ? "" : String.join("\n", items);
    }

    /**
     * The submitted form, ready for Stapler: text areas of list fields become JSON arrays (one item
     * per line), blank fields are left out (so that the global setting or the task file applies
     * instead of an empty value), and number fields must hold numbers.
     */
    public static JSONObject toBindable(JSONObject form) throws FormException {
        JSONObject bindable = new JSONObject();
        for (Object key : form.keySet()) {
            String name = (String) key;
            Object value = form.get(name);
            if (value instanceof String text) {
                if (text.isBlank()) {
                    continue;
                }
                if (CodegenTaskParameters.LIST_FIELDS.contains(name)) {
                    value = JSONArray.fromObject(lines(text));
                } else if (CodegenTaskParameters.NUMBER_FIELDS.contains(name)) {
                    try {
                        Long.parseLong(text.trim());
                    } catch (NumberFormatException e) {
                        throw new FormException(name + " must be a whole number, not '" + text.trim() + "'.", name);
                    }
                }
            }
            if (value instanceof JSONObject nested && name.equals("resume")) {
                value = followUpBindable(nested);
            }
            bindable.put(name, value);
        }
        return bindable;
    }

    /**
     * The follow-up's block of the form: a blank run id is left out (it is then 0, which the run reports
     * as {@code resume.runId} to give), any other must be a whole number.
     */
    private static JSONObject followUpBindable(JSONObject form) throws FormException {
        JSONObject bindable = JSONObject.fromObject(form);
        Object runId = bindable.opt("runId");
        if (runId instanceof String text) {
            if (text.isBlank()) {
                bindable.remove("runId");
            } else {
                try {
                    Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    throw new FormException("resume.runId must be a whole number, not '" + text.trim() + "'.",
                            "resume.runId");
                }
            }
        }
        return bindable;
    }

    /**
     * Pipeline arguments, ready for structs: a list parameter given as text (a GString too) becomes
     * its lines, so that {@code requirements: 'one requirement'} works as well as a list.
     */
    public static Map<String, Object> customInstantiate(Map<String, Object> arguments) {
        Map<String, Object> result = new LinkedHashMap<>(arguments);
        for (String field : CodegenTaskParameters.LIST_FIELDS) {
            if (result.get(field) instanceof CharSequence text) {
                result.put(field, lines(text.toString()));
            }
        }
        return result;
    }

    // ---- Choices ------------------------------------------------------------------------------

    public static ListBoxModel priorities() {
        ListBoxModel model = new ListBoxModel();
        model.add("(not given)", "");
        for (Priority priority : Priority.values()) {
            model.add(priority.wireName(), priority.wireName());
        }
        return model;
    }

    public static ListBoxModel taskTypes() {
        ListBoxModel model = new ListBoxModel();
        model.add("(not given: implementation)", "");
        for (TaskType type : TaskType.values()) {
            model.add(type.wireName(), type.wireName());
        }
        return model;
    }

    // ---- Checks -------------------------------------------------------------------------------

    /**
     * Whether the current user gets answers from the field checks of a job's form (or, without a
     * job, of the global Snippet Generator): the checks only look at the value sent, but they are
     * answered only to those who may configure it.
     */
    public static boolean mayCheck(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    public static FormValidation checkTitle(String value) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.warning("Required, unless the task file gives the title or this is a follow-up "
                    + "(resume).");
        }
        return FormChecks.taskField("title", b -> b.title(value.strip()));
    }

    /** One of the one-line or multi-line text fields of the task. */
    public static FormValidation checkTaskText(String field, String value) {
        String text = field.equals("description") ? ParameterValues.multiLineText(value)
                : ParameterValues.text(value);
        if (text == null) {
            return FormValidation.ok();
        }
        return FormChecks.taskField(field.equals("taskId") ? "id" : field, b -> {
            switch (field) {
                case "description" -> b.description(text);
                case "language" -> b.language(text);
                case "framework" -> b.framework(text);
                case "testingFramework" -> b.testingFramework(text);
                case "taskId" -> b.id(text);
                default -> throw new IllegalArgumentException(field);
            }
        });
    }

    /** One of the list fields of the task, as the text area holds it. */
    public static FormValidation checkTaskList(String field, String value) {
        List<String> items = lines(value);
        return FormChecks.taskField(field, b -> {
            switch (field) {
                case "requirements" -> b.requirements(items);
                case "acceptanceCriteria" -> b.acceptanceCriteria(items);
                case "affectedFiles" -> b.affectedFiles(items);
                case "relatedTasks" -> b.relatedTasks(items.stream().map(RelatedTask::withId).toList());
                default -> throw new IllegalArgumentException(field);
            }
        });
    }

    public static FormValidation checkComplexityScore(String value) {
        Long score;
        try {
            score = FormChecks.parseWhole(value);
        } catch (NumberFormatException e) {
            return FormChecks.notAWholeNumber("");
        }
        if (score == null) {
            return FormValidation.ok();
        }
        if (score > 10 || score < 1) {
            return FormValidation.error("It must be from 1 (trivial) to 10 (very hard).");
        }
        return FormValidation.ok();
    }

    public static FormValidation checkChoiceOf(String field, String value) {
        return switch (field) {
            case "priority" -> FormChecks.checkChoice(value, Priority.parse(value).isPresent(), Priority.names());
            case "taskType" -> FormChecks.checkChoice(value, TaskType.parse(value).isPresent(), TaskType.names());
            case "optimizationLevel" -> FormChecks.checkChoice(value, OptimizationLevel.parse(value).isPresent(),
                    OptimizationLevel.names());
            case "backend" -> FormChecks.checkChoice(value, Backend.parse(value).isPresent(), Backend.names());
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** {@code repository}, {@code branch}, {@code existingFiles} or {@code dependencies}. */
    public static FormValidation checkCodebase(String field, String value) {
        String text = ParameterValues.text(value);
        List<String> items = lines(value);
        CodebaseContext codebase = switch (field) {
            case "repository" -> new CodebaseContext(text, null, null, null);
            case "branch" -> new CodebaseContext(null, text, null, null);
            case "existingFiles" -> new CodebaseContext(null, null, items, null);
            case "dependencies" -> new CodebaseContext(null, null, null, items);
            default -> throw new IllegalArgumentException(field);
        };
        String engineField = switch (field) {
            case "existingFiles" -> "codebase_context.existing_files";
            default -> "codebase_context." + field;
        };
        return FormChecks.contextField(engineField, codebase, ProjectContext.empty());
    }

    /** {@code architecture}, {@code deployment} or {@code projectContext} (name=value lines). */
    public static FormValidation checkProject(String field, String value) {
        if (field.equals("projectContext")) {
            List<FormValidation> problems = new ArrayList<>();
            Map<String, String> entries = new LinkedHashMap<>();
            List<String> lines = lines(value);
            for (int i = 0; i < lines.size(); i++) {
                FieldError error = TaskInputs.parseEntry(lines.get(i), i, entries);
                if (error != null) {
                    problems.add(FormValidation.error("Item " + (i + 1) + " " + error.problem() + ". "
                            + error.remedy()));
                }
            }
            problems.add(FormChecks.contextField("project_context", CodebaseContext.empty(),
                    new ProjectContext(null, null, entries)));
            return FormValidation.aggregate(problems);
        }
        String text = ParameterValues.multiLineText(value);
        ProjectContext project = field.equals("architecture") ? new ProjectContext(text, null, null)
                : new ProjectContext(null, text, null);
        return FormChecks.contextField("project_context." + field, CodebaseContext.empty(), project);
    }

    static FormValidation checkOrgId(String value) {
        return FormChecks.checkOrgId(value, FormValidation.ok("Blank: the global setting is used."));
    }

    static FormValidation checkMaxRetries(String value) {
        Long retries;
        try {
            retries = FormChecks.parseWhole(value);
        } catch (NumberFormatException e) {
            return FormChecks.notAWholeNumber("");
        }
        if (retries == null) {
            return FormValidation.ok("Blank: the global setting is used.");
        }
        if (retries > Integer.MAX_VALUE) {
            return FormValidation.error("That is far too many.");
        }
        return FormChecks.settingsField("maxRetries", b -> b.maxRetries(retries.intValue()));
    }

    static FormValidation checkTimeout(String value) {
        Long minutes;
        try {
            minutes = FormChecks.parseWhole(value);
        } catch (NumberFormatException e) {
            return FormChecks.notAWholeNumber("minutes");
        }
        if (minutes == null) {
            return FormValidation.ok("Blank: the global setting is used.");
        }
        if (minutes > Integer.MAX_VALUE) {
            return FormValidation.error("That is far too long.");
        }
        return FormChecks.durationField("timeout", ChronoUnit.MINUTES, b -> b.timeout(Duration.ofMinutes(minutes)));
    }
}

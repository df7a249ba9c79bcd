package io.jenkins.plugins.codegen.prompt;

import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.FailureContext;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.RelatedTask;
import io.jenkins.plugins.codegen.task.RepositoryName;
import io.jenkins.plugins.codegen.task.TaskContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a prompt says at each {@link OptimizationLevel}. User text is appended as it is,
 * never substituted into a template, so nothing a user writes ({@code {title}}, {@code %s},
 * {@code $1}, a line starting with {@code #}) can change the rest of the prompt.
 */
final class PromptComposer {
    private static final List<String> QUALITY_CHECKLIST = List.of(
            "Every requirement is met and every acceptance criterion has a test.",
            "The whole test suite passes, not only the new tests.",
            "Edge cases and error paths are handled and tested.",
            "The change is focused: no unrelated edits; the project's existing style is kept.",
            "No secrets, credentials or debugging leftovers are committed.",
            "The pull request description says what changed and why.");

    private PromptComposer() {
    }

    static PromptDraft compose(CodegenTask task, TaskContext context, PromptOptions options) {
        PromptDraft draft = new PromptDraft();
        // Levels are ordered: each says everything the one below says, and more.
        addMinimal(draft, task);
        // A fix is about its failure at every level: without the evidence there is nothing to fix.
        addFailure(draft, context.failure());
        if (options.level().compareTo(OptimizationLevel.STANDARD) >= 0) {
            addStandard(draft, task, context.codebase());
        }
        if (options.level() == OptimizationLevel.COMPREHENSIVE) {
            addComprehensive(draft, task, context, options.includeExamples());
        }
        return draft;
    }

    private static void addMinimal(PromptDraft draft, CodegenTask task) {
        draft.put(PromptPart.TASK, new Section.Text(task.title()));
        if (!task.description().isBlank()) {
            draft.put(PromptPart.DESCRIPTION, new Section.Text(task.description()));
        }
        putItems(draft, PromptPart.REQUIREMENTS, task.requirements());
    }

    private static void addFailure(PromptDraft draft, FailureContext failure) {
        putItems(draft, PromptPart.FAILED_TESTS, failure.failedTests());
        if (!failure.logLines().isEmpty()) {
            draft.put(PromptPart.LOG_EXCERPT, Section.LogTail.of(failure.logLines()));
        }
    }

    private static void addStandard(PromptDraft draft, CodegenTask task, CodebaseContext codebase) {
        putItems(draft, PromptPart.ACCEPTANCE_CRITERIA, task.acceptanceCriteria());
        putItems(draft, PromptPart.TECHNICAL_CONTEXT, technicalContext(task, codebase));
        draft.put(PromptPart.DELIVERY, new Section.Text(delivery(task, codebase.branch())));
    }

    private static void addComprehensive(PromptDraft draft, CodegenTask task, TaskContext context,
            boolean includeExamples) {
        putItems(draft, PromptPart.EXISTING_FILES, context.codebase().existingFiles());
        putItems(draft, PromptPart.DEPENDENCIES, context.codebase().dependencies());
        putItems(draft, PromptPart.AFFECTED_FILES, task.affectedFiles());
        putItems(draft, PromptPart.PROJECT_CONTEXT, projectContext(context.project()));
        putItems(draft, PromptPart.RELATED_TASKS, task.relatedTasks().stream().map(PromptComposer::related).toList());
        putItems(draft, PromptPart.QUALITY_CHECKLIST, QUALITY_CHECKLIST);
        if (includeExamples) {
            draft.put(PromptPart.EXAMPLE, new Section.Text(PromptExamples.forTask(task.type(), task.language())));
        }
    }

    /** An empty list says nothing, so it gets no section. */
    private static void putItems(PromptDraft draft, PromptPart part, List<String> items) {
        if (!items.isEmpty()) {
            draft.put(part, Section.Items.of(items));
        }
    }

    private static List<String> technicalContext(CodegenTask task, CodebaseContext codebase) {
        List<String> facts = new ArrayList<>();
        addFact(facts, "Task id: ", task.id());
        facts.add("Type: " + task.type().wireName().replace('_', ' '));
        addFact(facts, "Language: ", task.language());
        addFact(facts, "Framework: ", task.framework());
        addFact(facts, "Testing framework: ", task.testingFramework());
        task.priority().ifPresent(priority -> facts.add("Priority: " + priority.wireName()));
        task.complexityScore().ifPresent(score -> facts.add("Complexity: " + score + " of 10"));
        // The agent knows repositories by owner/name; a URL that does not parse is shown as given.
        addFact(facts, "Repository: ", RepositoryName.normalize(codebase.repository()).orElse(codebase.repository()));
        addFact(facts, "Branch: ", codebase.branch());
        return facts;
    }

    private static List<String> projectContext(ProjectContext project) {
        List<String> facts = new ArrayList<>();
        addFact(facts, "Architecture: ", project.architecture());
        addFact(facts, "Deployment: ", project.deployment());
        project.entries().forEach((key, value) -> addFact(facts, key + ": ", value));
        return facts;
    }

    private static void addFact(List<String> facts, String label, String value) {
        if (!value.isBlank()) {
            facts.add(label + value);
        }
    }

    /** "task-100 (done): Set up authentication". */
    private static String related(RelatedTask task) {
        StringBuilder line = new StringBuilder(task.id());
        if (!task.status().isBlank()) {
            line.append(" (").append(task.status()).append(')');
        }
        if (!task.title().isBlank()) {
            line.append(": ").append(task.title());
        }
        return line.toString();
    }

    /** The way of working that suits the task type, then where the result goes. */
    private static String delivery(CodegenTask task, String branch) {
        String framework = task.testingFramework();
        String covered = task.acceptanceCriteria().isEmpty() ? "every requirement" : "every acceptance criterion";
        String work = switch (task.type()) {
            case BUG_FIX -> "First write a failing " + named(framework, "test") + " that reproduces the bug, then fix "
                    + "the bug so that the test passes.";
            case REFACTOR -> "Keep the behaviour unchanged and prove it with the existing tests; where coverage is "
                    + "thin, first add " + named(framework, "characterisation tests") + " that pin the current "
                    + "behaviour.";
            case FEATURE -> "Build the feature with " + named(framework, "tests") + " covering " + covered + ".";
            case IMPLEMENTATION -> "Implement the requirements with " + named(framework, "tests") + " covering "
                    + covered + ".";
        };
        String where = branch.isBlank() ? "a new branch" : "branch " + branch;
        return work + "\nWork on " + where + " and open a pull request with the change and its tests.";
    }

    /** "Jest tests" when the testing framework is known, "tests" otherwise. */
    private static String named(String testingFramework, String tests) {
        return testingFramework.isBlank() ? tests : testingFramework + " " + tests;
    }
}

package io.jenkins.plugins.codegen.task;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a task and its context before anything is sent to Codegen, and reports every problem at
 * once, in field order, so that the user can fix them in one go.
 *
 * <p>Fields are named as the user writes them in the task and context files: task fields in
 * camelCase ({@code acceptanceCriteria[2]}, list indexes count from 0), context fields in snake_case
 * ({@code codebase_context.branch}). Lengths count {@code String.length()} characters; positions
 * in messages count characters from 1. The limits:
 * <ul>
 * <li>{@code title}: required, one line, at most {@value #MAX_TITLE_LENGTH} characters;</li>
 * <li>{@code description}: at most {@value #MAX_DESCRIPTION_LENGTH} characters (64 KiB), far more than
 *     a prompt can carry; longer texts belong in a file in the repository;</li>
 * <li>{@code requirements}, {@code acceptanceCriteria}: at most {@value #MAX_ITEMS} items, each not
 *     blank and at most {@value #MAX_ITEM_LENGTH} characters;</li>
 * <li>{@code complexityScore}: from {@value #MIN_COMPLEXITY} to {@value #MAX_COMPLEXITY};</li>
 * <li>{@code id}, {@code language}, {@code framework}, {@code testingFramework}: one line, at most
 *     {@value #MAX_NAME_LENGTH} characters;</li>
 * <li>{@code relatedTasks}: at most {@value #MAX_ITEMS}, each with an id; id and status as names,
 *     title as a task title;</li>
 * <li>{@code affectedFiles}, {@code codebase_context.existing_files},
 *     {@code codebase_context.dependencies}: at most {@value #MAX_PATHS} entries, each not blank, one
 *     line, at most {@value #MAX_PATH_LENGTH} characters;</li>
 * <li>{@code codebase_context.repository}: empty, {@code owner/name} or a GitHub URL
 *     ({@link RepositoryName});</li>
 * <li>{@code codebase_context.branch}: empty or a valid git branch name of at most
 *     {@value #MAX_BRANCH_LENGTH} characters;</li>
 * <li>{@code project_context}: at most {@value #MAX_ITEMS} entries; keys one line, at most
 *     {@value #MAX_NAME_LENGTH} characters; values at most {@value #MAX_ITEM_LENGTH}.</li>
 * </ul>
 * No field may contain a control character (U+0000 to U+001F, U+007F): it would corrupt the prompt.
 * Multi-line fields (description, requirements, acceptance criteria, project context values) may
 * contain line breaks and tabs. Any other Unicode text (accents, CJK, emoji, right-to-left) is fine.
 */
public final class TaskValidator {
    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 65_536;
    public static final int MAX_ITEMS = 100;
    public static final int MAX_ITEM_LENGTH = 2_000;
    public static final int MIN_COMPLEXITY = 1;
    public static final int MAX_COMPLEXITY = 10;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_PATHS = 10_000;
    public static final int MAX_PATH_LENGTH = 500;
    /** Git itself has no limit, but file systems refuse longer path components. */
    public static final int MAX_BRANCH_LENGTH = 255;
    /** How much of an overlong title messages and build records quote: enough to recognise it. */
    public static final int QUOTED_TITLE_LENGTH = 100;
    /** Beyond this many faulty items in one list, the rest are counted rather than listed. */
    static final int MAX_ERRORS_PER_LIST = 10;

    private static final TextRule TITLE = new TextRule(MAX_TITLE_LENGTH, false,
            "Shorten the title; put the details in the description.");
    private static final TextRule DESCRIPTION = new TextRule(MAX_DESCRIPTION_LENGTH, true,
            "Shorten the description, or put the details in a file in the repository and refer to that file "
                    + "in the description.");
    private static final TextRule ITEM = new TextRule(MAX_ITEM_LENGTH, true,
            "Shorten it or split it into several items.");
    private static final TextRule RELATED_TITLE = new TextRule(MAX_TITLE_LENGTH, false, "Shorten it.");
    private static final TextRule NAME = new TextRule(MAX_NAME_LENGTH, false, "Shorten it to a name.");
    private static final TextRule PATH = new TextRule(MAX_PATH_LENGTH, false, "Shorten it.");
    private static final TextRule BRANCH = new TextRule(MAX_BRANCH_LENGTH, false, "Use a shorter branch name.");
    private static final TextRule REPOSITORY = new TextRule(MAX_PATH_LENGTH, false, "Write it as owner/name.");
    private static final TextRule CONTEXT_VALUE = new TextRule(MAX_ITEM_LENGTH, true,
            "Shorten it; the agent reads the repository itself.");

    private static final String REPOSITORY_FIELD = "codebase_context.repository";
    private static final String BRANCH_FIELD = "codebase_context.branch";
    private static final String PROJECT_FIELD = "project_context";

    private TaskValidator() {
    }

    /**
     * Every problem with the task and its context, in field order; empty when both are fine.
     *
     * @param context {@link TaskContext#empty()} when the task comes without one
     */
    public static List<FieldError> validate(CodegenTask task, TaskContext context) {
        Report report = new Report();
        checkTask(task, report);
        checkCodebase(context.codebase(), report);
        checkProject(context.project(), report);
        return List.copyOf(report.errors);
    }

    /**
     * A title as messages and records quote it: whole when its length is allowed, otherwise its first
     * {@value #QUOTED_TITLE_LENGTH} characters on one line and how long it is. A title pasted by
     * mistake (a whole file) would otherwise fill the console line and the build page that refuse it.
     */
    public static String quotedTitle(String title) {
        if (title == null || title.length() <= MAX_TITLE_LENGTH) {
            return title;
        }
        int end = Character.isHighSurrogate(title.charAt(QUOTED_TITLE_LENGTH - 1)) ? QUOTED_TITLE_LENGTH - 1
                : QUOTED_TITLE_LENGTH;
        return title.substring(0, end).replaceAll("\\s+", " ") + "… (" + grouped(title.length()) + " characters)";
    }

    /** Fails with all of {@link #validate}'s problems, if there are any. */
    public static void requireValid(CodegenTask task, TaskContext context) throws CodegenException {
        List<FieldError> errors = validate(task, context);
        if (!errors.isEmpty()) {
            throw CodegenException.invalid(errors);
        }
    }

    private static void checkTask(CodegenTask task, Report report) {
        report.text("id", task.id(), NAME);
        report.required("title", task.title(), TITLE,
                "Give the task a one-line title, e.g. \"Add input validation to the signup form\".");
        report.text("description", task.description(), DESCRIPTION);
        report.items("requirements", task.requirements(), MAX_ITEMS, ITEM);
        report.items("acceptanceCriteria", task.acceptanceCriteria(), MAX_ITEMS, ITEM);
        task.complexityScore().filter(score -> score < MIN_COMPLEXITY || score > MAX_COMPLEXITY).ifPresent(
                score -> report.add("complexityScore", "is " + score + "; it must be from " + MIN_COMPLEXITY
                        + " to " + MAX_COMPLEXITY, "Rate the complexity from 1 (trivial) to 10 (very hard), or "
                        + "leave it out."));
        report.text("language", task.language(), NAME);
        report.text("framework", task.framework(), NAME);
        report.text("testingFramework", task.testingFramework(), NAME);
        report.items("affectedFiles", task.affectedFiles(), MAX_PATHS, PATH);
        report.each("relatedTasks", task.relatedTasks(), MAX_ITEMS, (field, related) -> {
            report.required(field + ".id", related.id(), NAME, "Give the related task's id, e.g. task-100.");
            report.text(field + ".title", related.title(), RELATED_TITLE);
            report.text(field + ".status", related.status(), NAME);
        });
    }

    private static void checkCodebase(CodebaseContext codebase, Report report) {
        String repository = codebase.repository();
        if (!repository.isBlank() && report.text(REPOSITORY_FIELD, repository, REPOSITORY)
                && RepositoryName.normalize(repository).isEmpty()) {
            report.add(REPOSITORY_FIELD, "is not a GitHub repository",
                    "Write it as owner/name (e.g. acme/webapp) or as https://github.com/owner/name.");
        }
        String branch = codebase.branch();
        if (!branch.isBlank() && report.text(BRANCH_FIELD, branch, BRANCH)) {
            GitRefName.problem(branch).ifPresent(problem -> report.add(BRANCH_FIELD, problem,
                    "Use a valid git branch name, e.g. feature/input-validation, or leave it out to let the "
                            + "agent create a branch."));
        }
        report.items("codebase_context.existing_files", codebase.existingFiles(), MAX_PATHS, PATH);
        report.items("codebase_context.dependencies", codebase.dependencies(), MAX_PATHS, PATH);
    }

    private static void checkProject(ProjectContext project, Report report) {
        report.text(PROJECT_FIELD + ".architecture", project.architecture(), CONTEXT_VALUE);
        report.text(PROJECT_FIELD + ".deployment", project.deployment(), CONTEXT_VALUE);
        if (project.entries().size() > MAX_ITEMS) {
            report.add(PROJECT_FIELD, "has " + grouped(project.entries().size()) + " entries; at most " + MAX_ITEMS
                    + " are allowed", "Keep the entries that matter for this task.");
        }
        for (Map.Entry<String, String> entry : project.entries().entrySet()) {
            checkEntry(entry.getKey(), entry.getValue(), report);
        }
    }

    /** A bad key is reported on the section, because a field name made of it would be unreadable. */
    private static void checkEntry(String key, String value, Report report) {
        if (key.isBlank()) {
            report.add(PROJECT_FIELD, "has an entry with a blank key", "Name the entry or remove it.");
            return;
        }
        Optional<FieldError> keyError = textError(PROJECT_FIELD, key, NAME);
        if (keyError.isPresent()) {
            report.add(PROJECT_FIELD, "has a key that " + keyError.get().problem(), keyError.get().remedy());
        } else {
            report.text(PROJECT_FIELD + "." + key, value, CONTEXT_VALUE);
        }
    }

    /** The first thing wrong with a text: its length, then any character it must not contain. */
    private static Optional<FieldError> textError(String field, String value, TextRule rule) {
        if (value.length() > rule.maxLength()) {
            return Optional.of(new FieldError(field, "is " + grouped(value.length()) + " characters long; at most "
                    + grouped(rule.maxLength()) + " are allowed", rule.shortenRemedy()));
        }
        for (int i = 0, position = 1; i < value.length(); position++) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            boolean lineBreak = c == '\n' || c == '\r';
            if (lineBreak && !rule.multiLine()) {
                return Optional.of(new FieldError(field, "contains a line break at position " + position,
                        "Keep it on one line."));
            }
            if (isControl(c) && !(rule.multiLine() && (lineBreak || c == '\t'))) {
                return Optional.of(new FieldError(field, String.format(Locale.ROOT,
                        "contains control character U+%04X at position %d", c, position),
                        "Remove it; it would corrupt the prompt."));
            }
        }
        return Optional.empty();
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c == 0x7F;
    }

    private static String grouped(int number) {
        return String.format(Locale.ROOT, "%,d", number);
    }

    /** How long a text may be and whether it may span lines; what to do when it is too long. */
    private record TextRule(int maxLength, boolean multiLine, String shortenRemedy) {
    }

    /** Checks one item of a list, naming it {@code field}, e.g. {@code relatedTasks[3]}. */
    private interface ItemCheck<T> {
        void check(String field, T item);
    }

    /** The problems found so far, in the order found. */
    private static final class Report {
        private final List<FieldError> errors = new ArrayList<>();

        void add(String field, String problem, String remedy) {
            errors.add(new FieldError(field, problem, remedy));
        }

        /** Whether the text is fine; reports its first problem otherwise. */
        boolean text(String field, String value, TextRule rule) {
            Optional<FieldError> error = textError(field, value, rule);
            error.ifPresent(errors::add);
            return error.isEmpty();
        }

        void required(String field, String value, TextRule rule, String remedy) {
            if (value.isBlank()) {
                add(field, value.isEmpty() ? "is missing" : "is blank", remedy);
            } else {
                text(field, value, rule);
            }
        }

        void items(String field, List<String> items, int maxCount, TextRule rule) {
            each(field, items, maxCount, (itemField, item) -> {
                if (item.isBlank()) {
                    add(itemField, "is blank", "Remove the empty item or fill it in.");
                } else {
                    text(itemField, item, rule);
                }
            });
        }

        /**
         * Checks the count and every item. A generated list can be wrong throughout (think of a file
         * list with Windows line endings), so only the first items with problems are listed.
         */
        <T> void each(String field, List<T> items, int maxCount, ItemCheck<T> check) {
            if (items.size() > maxCount) {
                add(field, "has " + grouped(items.size()) + " items; at most " + grouped(maxCount) + " are allowed",
                        "Keep the ones that matter for this task, or split the task.");
            }
            int faulty = 0;
            for (int i = 0; i < items.size(); i++) {
                int before = errors.size();
                check.check(field + "[" + i + "]", items.get(i));
                if (errors.size() > before) {
                    if (faulty >= MAX_ERRORS_PER_LIST) {
                        errors.subList(before, errors.size()).clear();
                    }
                    faulty++;
                }
            }
            if (faulty > MAX_ERRORS_PER_LIST) {
                add(field, "has " + grouped(faulty - MAX_ERRORS_PER_LIST) + " more items with problems like those "
                        + "above", "Fix them the same way.");
            }
        }
    }
}

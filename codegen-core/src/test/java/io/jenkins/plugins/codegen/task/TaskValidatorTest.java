package io.jenkins.plugins.codegen.task;

import static io.jenkins.plugins.codegen.task.ValidatorFixtures.codebase;
import static io.jenkins.plugins.codegen.task.ValidatorFixtures.errorsOf;
import static io.jenkins.plugins.codegen.task.ValidatorFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.FieldError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validator's rules field by field; the characters every text field accepts are in
 * {@link TextFieldCharactersTest}.
 */
class TaskValidatorTest {
    @Test
    void acceptsAValidTaskAndContext() {
        TaskContext context = new TaskContext(
                new CodebaseContext("acme/webapp", "feature/input-validation", List.of("src/app.js"),
                        List.of("express")),
                new ProjectContext("microservices", "kubernetes", Map.of("team", "identity")));

        assertThat(TaskValidator.validate(task().build(), context)).isEmpty();
        assertThatCode(() -> TaskValidator.requireValid(task().build(), context)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'' | is missing", "'   ' | is blank"})
    void requiresATitle(String title, String problem) {
        assertThat(errorsOf(task().title(title))).singleElement().isEqualTo(new FieldError("title", problem,
                "Give the task a one-line title, e.g. \"Add input validation to the signup form\"."));
    }

    @Test
    void limitsTheTitleTo200Characters() {
        assertThat(errorsOf(task().title("t".repeat(200)))).isEmpty();
        assertThat(errorsOf(task().title("t".repeat(201)))).singleElement().isEqualTo(new FieldError("title",
                "is 201 characters long; at most 200 are allowed",
                "Shorten the title; put the details in the description."));
    }

    @Test
    void anOverlongTitleIsQuotedByItsStartAndLengthAValidOneWhole() {
        String valid = "t".repeat(TaskValidator.MAX_TITLE_LENGTH);
        String overlong = "Add a feature ".repeat(800);

        assertThat(TaskValidator.quotedTitle(valid)).isEqualTo(valid);
        assertThat(TaskValidator.quotedTitle(overlong))
                .isEqualTo(overlong.substring(0, TaskValidator.QUOTED_TITLE_LENGTH) + "… (11,200 characters)");
        assertThat(TaskValidator.quotedTitle("x\n".repeat(300))).doesNotContain("\n").hasSizeLessThan(130);
    }

    @Test
    void keepsTheTitleOnOneLine() {
        assertThat(errorsOf(task().title("Fix login\nand logout"))).singleElement().isEqualTo(
                new FieldError("title", "contains a line break at position 10", "Keep it on one line."));
    }

    @Test
    void limitsTheDescriptionTo64KiB() {
        assertThat(errorsOf(task().description("d".repeat(65_536)))).isEmpty();
        assertThat(errorsOf(task().description("d".repeat(65_537)))).singleElement()
                .satisfies(error -> assertThat(error.problem()).isEqualTo(
                        "is 65,537 characters long; at most 65,536 are allowed"));
    }

    @Test
    void refusesAMegabyteDescriptionAndSaysWhereTheDetailsBelong() {
        assertThat(errorsOf(task().description("d".repeat(1 << 20)))).singleElement().isEqualTo(new FieldError(
                "description", "is 1,048,576 characters long; at most 65,536 are allowed",
                "Shorten the description, or put the details in a file in the repository and refer to that file in "
                        + "the description."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"requirements", "acceptanceCriteria"})
    void refusesBlankItems(String field) {
        List<String> items = List.of("one", "two", " ");

        assertThat(errorsOf(withItems(field, items))).singleElement()
                .isEqualTo(new FieldError(field + "[2]", "is blank", "Remove the empty item or fill it in."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"requirements", "acceptanceCriteria"})
    void limitsEachItemTo2000Characters(String field) {
        assertThat(errorsOf(withItems(field, List.of("i".repeat(2_000))))).isEmpty();
        assertThat(errorsOf(withItems(field, List.of("ok", "i".repeat(2_001))))).singleElement()
                .isEqualTo(new FieldError(field + "[1]", "is 2,001 characters long; at most 2,000 are allowed",
                        "Shorten it or split it into several items."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"requirements", "acceptanceCriteria"})
    void limitsTheNumberOfItemsTo100(String field) {
        assertThat(errorsOf(withItems(field, Collections.nCopies(100, "item")))).isEmpty();
        assertThat(errorsOf(withItems(field, Collections.nCopies(101, "item")))).singleElement()
                .isEqualTo(new FieldError(field, "has 101 items; at most 100 are allowed",
                        "Keep the ones that matter for this task, or split the task."));
    }

    private static CodegenTask.Builder withItems(String field, List<String> items) {
        return field.equals("requirements") ? task().requirements(items) : task().acceptanceCriteria(items);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 10})
    void acceptsComplexityFrom1To10(int score) {
        assertThat(errorsOf(task().complexityScore(score))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 11, 100})
    void refusesComplexityOutside1To10(int score) {
        assertThat(errorsOf(task().complexityScore(score))).singleElement().isEqualTo(new FieldError(
                "complexityScore", "is " + score + "; it must be from 1 to 10",
                "Rate the complexity from 1 (trivial) to 10 (very hard), or leave it out."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"language", "framework", "testingFramework", "id"})
    void limitsNamesTo100Characters(String field) {
        Function<String, CodegenTask.Builder> withName = name -> switch (field) {
            case "language" -> task().language(name);
            case "framework" -> task().framework(name);
            case "testingFramework" -> task().testingFramework(name);
            default -> task().id(name);
        };

        assertThat(errorsOf(withName.apply("n".repeat(100)))).isEmpty();
        assertThat(errorsOf(withName.apply("n".repeat(101)))).singleElement().isEqualTo(new FieldError(field,
                "is 101 characters long; at most 100 are allowed", "Shorten it to a name."));
    }

    @Test
    void requiresAnIdForEachRelatedTask() {
        CodegenTask.Builder task = task().relatedTasks(List.of(RelatedTask.withId("task-0"),
                new RelatedTask("", "Set up auth", "done")));

        assertThat(errorsOf(task)).singleElement().isEqualTo(new FieldError("relatedTasks[1].id", "is missing",
                "Give the related task's id, e.g. task-100."));
    }

    static Stream<Arguments> pathLists() {
        return Stream.of(
                Arguments.of("affectedFiles", (Function<List<String>, List<FieldError>>)
                        files -> errorsOf(task().affectedFiles(files))),
                Arguments.of("codebase_context.existing_files", (Function<List<String>, List<FieldError>>)
                        files -> errorsOf(new CodebaseContext("", "", files, List.of()))),
                Arguments.of("codebase_context.dependencies", (Function<List<String>, List<FieldError>>)
                        dependencies -> errorsOf(new CodebaseContext("", "", List.of(), dependencies))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathLists")
    void limitsPathListsTo10000Entries(String field, Function<List<String>, List<FieldError>> validate) {
        assertThat(validate.apply(Collections.nCopies(10_000, "src/a.js"))).isEmpty();
        assertThat(validate.apply(Collections.nCopies(10_001, "src/a.js"))).singleElement()
                .isEqualTo(new FieldError(field, "has 10,001 items; at most 10,000 are allowed",
                        "Keep the ones that matter for this task, or split the task."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathLists")
    void checksEachPathEntry(String field, Function<List<String>, List<FieldError>> validate) {
        List<String> entries = List.of("ok", "", "p".repeat(501), "a\nb", "p".repeat(500));

        assertThat(validate.apply(entries)).containsExactly(
                new FieldError(field + "[1]", "is blank", "Remove the empty item or fill it in."),
                new FieldError(field + "[2]", "is 501 characters long; at most 500 are allowed", "Shorten it."),
                new FieldError(field + "[3]", "contains a line break at position 2", "Keep it on one line."));
    }

    @Test
    void listsOnlyTheFirstTenFaultyEntriesOfAListAndCountsTheRest() {
        List<String> windowsLineEndings = Collections.nCopies(5_000, "src/a.js\r");

        List<FieldError> errors = errorsOf(new CodebaseContext("", "", windowsLineEndings, List.of()));

        assertThat(errors).hasSize(11);
        assertThat(errors.get(9).field()).isEqualTo("codebase_context.existing_files[9]");
        assertThat(errors.get(10)).isEqualTo(new FieldError("codebase_context.existing_files",
                "has 4,990 more items with problems like those above", "Fix them the same way."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "feature/input-validation", "release/1.2.3", "kim/fix-42_b", "feature/入力検証",
        "v1.0", "a@b"})
    void acceptsValidBranchNames(String branch) {
        assertThat(errorsOf(codebase("", branch))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "feature x        | contains a space",
        "feature..x       | contains '..'",
        "feature~1        | contains '~'",
        "feature^         | contains '^'",
        "a:b              | contains ':'",
        "what?            | contains '?'",
        "feat*            | contains '*'",
        "feat[1]          | contains '['",
        "feat\\x          | contains '\\'",
        "-feature         | starts with '-'",
        "/feature         | starts with '/'",
        "feature/         | ends with '/'",
        "feature.lock     | ends with '.lock'",
        "feature.         | ends with '.'",
        "a//b             | contains '//'",
        "a@{1}            | contains '@{'",
        "feature/.hidden  | has a part that starts with '.'",
        "@                | is '@', which git reserves"})
    void refusesBranchNamesGitRefuses(String branch, String problem) {
        assertThat(errorsOf(codebase("", branch))).singleElement().isEqualTo(new FieldError("codebase_context.branch",
                problem, "Use a valid git branch name, e.g. feature/input-validation, or leave it out to let the "
                        + "agent create a branch."));
    }

    @Test
    void limitsBranchNamesTo255Characters() {
        assertThat(errorsOf(codebase("", "b".repeat(256)))).singleElement()
                .satisfies(error -> assertThat(error.field()).isEqualTo("codebase_context.branch"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acme/webapp", "https://github.com/acme/webapp", "https://github.com/acme/webapp.git"})
    void acceptsRepositoriesAsOwnerNameOrGitHubUrl(String repository) {
        assertThat(errorsOf(codebase(repository, ""))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"webapp", "https://gitlab.com/acme/webapp", "acme/webapp/tree/main"})
    void refusesAnythingElseAsRepository(String repository) {
        assertThat(errorsOf(codebase(repository, ""))).singleElement().isEqualTo(new FieldError(
                "codebase_context.repository", "is not a GitHub repository",
                "Write it as owner/name (e.g. acme/webapp) or as https://github.com/owner/name."));
    }

    @Test
    void checksProjectContextValuesAndKeys() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("team", "identity\u0000");
        entries.put("on\ncall", "kim");
        entries.put(" ", "x");
        entries.put("k".repeat(101), "x");
        ProjectContext project = new ProjectContext("a".repeat(2_001), "kubernetes", entries);

        assertThat(errorsOf(project)).containsExactly(
                new FieldError("project_context.architecture", "is 2,001 characters long; at most 2,000 are allowed",
                        "Shorten it; the agent reads the repository itself."),
                new FieldError("project_context.team", "contains control character U+0000 at position 9",
                        "Remove it; it would corrupt the prompt."),
                new FieldError("project_context", "has a key that contains a line break at position 3",
                        "Keep it on one line."),
                new FieldError("project_context", "has an entry with a blank key", "Name the entry or remove it."),
                new FieldError("project_context", "has a key that is 101 characters long; at most 100 are allowed",
                        "Shorten it to a name."));
    }

    @Test
    void reportsEveryProblemAtOnceInFieldOrder() {
        CodegenTask task = task().title("").description("x\u0001").requirements(List.of("ok", ""))
                .complexityScore(42).language("Java\n17").affectedFiles(List.of(" ")).build();
        TaskContext context = new TaskContext(new CodebaseContext("not a repo", "bad branch", List.of(), List.of()),
                new ProjectContext("", "on\u0007prem", Map.of()));

        assertThat(TaskValidator.validate(task, context)).extracting(FieldError::field).containsExactly(
                "title", "description", "requirements[1]", "complexityScore", "language", "affectedFiles[0]",
                "codebase_context.repository", "codebase_context.branch", "project_context.deployment");
    }

    @Test
    void requireValidFailsWithEveryProblem() {
        CodegenTask task = task().title("").complexityScore(0).build();

        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> TaskValidator.requireValid(task, TaskContext.empty()));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(e.getFieldErrors()).extracting(FieldError::field).containsExactly("title", "complexityScore");
        assertThat(e.getMessage()).contains("title: is missing", "complexityScore: is 0");
    }
}

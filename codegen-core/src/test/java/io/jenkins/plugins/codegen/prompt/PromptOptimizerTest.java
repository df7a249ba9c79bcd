package io.jenkins.plugins.codegen.prompt;

import static io.jenkins.plugins.codegen.prompt.PromptFixtures.TITLE;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.headings;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.section;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.smallContext;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.smallTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromptOptimizerTest {
    /** What STANDARD adds to MINIMAL, from the small fixture. */
    private static final List<String> STANDARD_CONTENT = List.of("- An invalid email returns 400",
            "- Task id: task-123", "- Type: feature", "- Language: JavaScript", "- Framework: Node.js",
            "- Testing framework: Jest", "- Priority: high", "- Complexity: 5 of 10", "- Repository: acme/webapp",
            "- Branch: feature/input-validation", "open a pull request");
    /** What COMPREHENSIVE adds to STANDARD, from the small fixture. */
    private static final List<String> COMPREHENSIVE_CONTENT = List.of("- src/app.js", "- express",
            "- src/routes/signup.js", "- Architecture: microservices", "- Deployment: kubernetes", "- team: identity",
            "- task-98 (done): Client-side validation", "- The whole test suite passes", "```javascript");

    private static OptimizedPrompt optimize(CodegenTask task, TaskContext context, PromptOptions options)
            throws CodegenException {
        return new PromptOptimizer(options).optimize(task, context);
    }

    private static String prompt(OptimizationLevel level) throws CodegenException {
        return optimize(smallTask().build(), smallContext(), PromptOptions.defaults().withLevel(level)).text();
    }

    private static String prompt(CodegenTask task, OptimizationLevel level) throws CodegenException {
        return optimize(task, smallContext(), PromptOptions.defaults().withLevel(level)).text();
    }

    @Test
    void minimalHasTheTitleDescriptionAndRequirementsOnly() throws CodegenException {
        String prompt = prompt(OptimizationLevel.MINIMAL);

        assertThat(prompt).isEqualTo("""
                # Validate signup input on the server

                ## Description
                The signup endpoint accepts any payload.

                ## Requirements
                - Reject invalid email addresses
                - Require passwords of 12 characters
                """);
        assertThat(prompt).doesNotContain(STANDARD_CONTENT).doesNotContain(COMPREHENSIVE_CONTENT);
    }

    @Test
    void standardAddsAcceptanceCriteriaTechnicalContextAndWhatToDeliver() throws CodegenException {
        String prompt = prompt(OptimizationLevel.STANDARD);

        assertThat(headings(prompt)).containsExactly("Description", "Requirements", "Acceptance criteria",
                "Technical context", "What to deliver");
        assertThat(prompt).contains(STANDARD_CONTENT).doesNotContain(COMPREHENSIVE_CONTENT);
    }

    @Test
    void comprehensiveAddsCodebaseProjectRelatedTasksChecklistAndExample() throws CodegenException {
        String prompt = prompt(OptimizationLevel.COMPREHENSIVE);

        assertThat(headings(prompt)).containsExactly("Description", "Requirements", "Acceptance criteria",
                "Technical context", "Existing files", "Dependencies", "Affected files", "Project context",
                "Related tasks", "What to deliver", "Quality checklist", "Example");
        assertThat(prompt).contains(STANDARD_CONTENT).contains(COMPREHENSIVE_CONTENT);
    }

    @Test
    void eachLevelKeepsEverySectionOfTheLevelBelowUnchanged() throws CodegenException {
        String minimal = prompt(OptimizationLevel.MINIMAL);
        String standard = prompt(OptimizationLevel.STANDARD);
        String comprehensive = prompt(OptimizationLevel.COMPREHENSIVE);

        for (String heading : headings(minimal)) {
            assertThat(section(standard, heading)).isEqualTo(section(minimal, heading));
        }
        for (String heading : headings(standard)) {
            assertThat(section(comprehensive, heading)).isEqualTo(section(standard, heading));
        }
    }

    @Test
    void leavesOutSectionsThatWouldBeEmpty() throws CodegenException {
        CodegenTask titleOnly = CodegenTask.builder().title("Tidy up").build();

        OptimizedPrompt prompt = optimize(titleOnly, TaskContext.empty(),
                PromptOptions.defaults().withLevel(OptimizationLevel.COMPREHENSIVE).withIncludeExamples(false));

        assertThat(headings(prompt.text()))
                .containsExactly("Technical context", "What to deliver", "Quality checklist");
        assertThat(section(prompt.text(), "Technical context")).containsExactly("- Type: implementation");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BUG_FIX        | First write a failing Jest test that reproduces the bug, then fix the bug so that the test "
                + "passes.",
        "REFACTOR       | Keep the behaviour unchanged and prove it with the existing tests; where coverage is thin, "
                + "first add Jest characterisation tests that pin the current behaviour.",
        "FEATURE        | Build the feature with Jest tests covering every acceptance criterion.",
        "IMPLEMENTATION | Implement the requirements with Jest tests covering every acceptance criterion."})
    void asksForTheWayOfWorkingThatSuitsTheTaskType(TaskType type, String instruction) throws CodegenException {
        String prompt = prompt(smallTask().type(type).build(), OptimizationLevel.STANDARD);

        assertThat(section(prompt, "What to deliver")).containsExactly(instruction,
                "Work on branch feature/input-validation and open a pull request with the change and its tests.");
    }

    @Test
    void asksOnlyBugFixesForAFailingTestFirstAndOnlyRefactoringsToKeepBehaviour() throws CodegenException {
        for (TaskType type : TaskType.values()) {
            String delivery = String.join("\n", section(prompt(smallTask().type(type).build(),
                    OptimizationLevel.STANDARD), "What to deliver"));

            assertThat(delivery.contains("failing")).as(type + " asks for a failing test")
                    .isEqualTo(type == TaskType.BUG_FIX);
            assertThat(delivery.contains("behaviour unchanged")).as(type + " asks to keep behaviour")
                    .isEqualTo(type == TaskType.REFACTOR);
        }
    }

    @Test
    void asksForTestsWithoutNamingAFrameworkWhenNoneIsKnown() throws CodegenException {
        CodegenTask task = smallTask().testingFramework("").acceptanceCriteria(List.of()).build();

        OptimizedPrompt prompt = optimize(task, TaskContext.empty(), PromptOptions.defaults());

        assertThat(section(prompt.text(), "What to deliver")).containsExactly(
                "Build the feature with tests covering every requirement.",
                "Work on a new branch and open a pull request with the change and its tests.");
    }

    @Test
    void showsAnExampleOnlyWhenComprehensiveAndAskedFor() throws CodegenException {
        PromptOptions comprehensive = PromptOptions.defaults().withLevel(OptimizationLevel.COMPREHENSIVE);

        assertThat(headings(optimize(smallTask().build(), smallContext(), comprehensive).text())).contains("Example");
        assertThat(headings(optimize(smallTask().build(), smallContext(), comprehensive.withIncludeExamples(false))
                .text())).doesNotContain("Example");
        assertThat(headings(prompt(OptimizationLevel.STANDARD))).doesNotContain("Example");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Java          | ```java",
        "java 17       | ```java",
        "JavaScript    | ```javascript",
        "TypeScript    | ```javascript",
        "Node.js       | ```javascript",
        "Python        | ```python",
        "Go            | ```go",
        "golang        | ```go"})
    void showsTheExampleInTheTasksLanguage(String language, String fence) throws CodegenException {
        String prompt = prompt(smallTask().language(language).build(), OptimizationLevel.COMPREHENSIVE);

        assertThat(section(prompt, "Example")).contains(fence);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Rust", "COBOL"})
    void showsTheExampleAsStepsForOtherLanguages(String language) throws CodegenException {
        String prompt = prompt(smallTask().language(language).build(), OptimizationLevel.COMPREHENSIVE);

        assertThat(section(prompt, "Example")).noneMatch(line -> line.startsWith("```"))
                .anyMatch(line -> line.startsWith("1. "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BUG_FIX        | A bug fix starts with a test that fails because of the bug:",
        "FEATURE        | A feature comes with a test for each acceptance criterion, named after it:",
        "IMPLEMENTATION | Each requirement gets a test that states the expected behaviour:",
        "REFACTOR       | Before restructuring, a characterisation test pins what the code does today:"})
    void showsAnExampleForTheTaskType(TaskType type, String introduction) throws CodegenException {
        String prompt = prompt(smallTask().type(type).language("Python").build(), OptimizationLevel.COMPREHENSIVE);

        assertThat(section(prompt, "Example")).startsWith(introduction, "```python");
    }

    @ParameterizedTest
    @EnumSource(OptimizationLevel.class)
    void insertsUserTextLiterally(OptimizationLevel level) throws CodegenException {
        String title = "${description} {{requirements}} %s $1 \\ ";
        String description = "Use {title}, %n, $0 and \\1 as they are.\n# Not a heading\n## Requirements\n- not one";
        String requirement = "Support ${env.HOME}, %1$s, {0} and $$";
        CodegenTask task = CodegenTask.builder().title(title).description(description)
                .requirements(List.of(requirement)).build();

        String prompt = prompt(task, level);

        assertThat(prompt).containsOnlyOnce(title).containsOnlyOnce(requirement)
                .contains("## Description\n" + description + "\n\n## Requirements\n- " + requirement + "\n");
    }

    @Test
    void passesUnicodeThroughUnchanged() throws CodegenException {
        String title = "Añadir validación — 入力検証 😀 التحقق من المدخلات";
        String requirement = "Zeichen wie ß, é, 漢字 und \u200f bleiben erhalten";

        String prompt = prompt(smallTask().title(title).requirements(List.of(requirement)).build(),
                OptimizationLevel.MINIMAL);

        assertThat(prompt).contains("# " + title + "\n", "- " + requirement + "\n");
    }

    @Test
    void listsProjectContextEntriesInTheUsersOrder() throws CodegenException {
        Map<String, String> entries = new LinkedHashMap<>();
        List.of("zulu", "alpha", "mike", "bravo", "yankee").forEach(key -> entries.put(key, key.toUpperCase()));
        TaskContext context = new TaskContext(CodebaseContext.empty(), new ProjectContext("", "", entries));

        OptimizedPrompt prompt = optimize(smallTask().build(), context,
                PromptOptions.defaults().withLevel(OptimizationLevel.COMPREHENSIVE));

        assertThat(section(prompt.text(), "Project context"))
                .containsExactly("- zulu: ZULU", "- alpha: ALPHA", "- mike: MIKE", "- bravo: BRAVO",
                        "- yankee: YANKEE");
    }

    @Test
    void showsTheRepositoryAsOwnerAndName() throws CodegenException {
        TaskContext context = new TaskContext(
                new CodebaseContext("git@github.com:acme/webapp.git", "", List.of(), List.of()), null);

        OptimizedPrompt prompt = optimize(smallTask().build(), context, PromptOptions.defaults());

        assertThat(section(prompt.text(), "Technical context")).contains("- Repository: acme/webapp");
    }

    @ParameterizedTest
    @EnumSource(OptimizationLevel.class)
    void givesTheSamePromptForTheSameInput(OptimizationLevel level) throws CodegenException {
        PromptOptions options = PromptOptions.defaults().withLevel(level);

        OptimizedPrompt first = optimize(smallTask().build(), smallContext(), options);
        OptimizedPrompt second = optimize(smallTask().build(), smallContext(), options);

        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(OptimizationLevel.class)
    void reportsTheLengthsOfAPromptThatFitAsItWas(OptimizationLevel level) throws CodegenException {
        OptimizedPrompt prompt =
                optimize(smallTask().build(), smallContext(), PromptOptions.defaults().withLevel(level));

        assertThat(prompt.level()).isEqualTo(level);
        assertThat(prompt.finalLength()).isEqualTo(prompt.text().length()).isEqualTo(prompt.originalLength());
        assertThat(prompt.shed()).isEmpty();
        assertThat(prompt.wasShortened()).isFalse();
    }

    @Test
    void refusesInvalidOptions() {
        PromptOptimizer optimizer = new PromptOptimizer(PromptOptions.defaults().withMaxPromptLength(50));

        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> optimizer.optimize(smallTask().build(), smallContext()));

        assertThat(e.getFieldErrors()).extracting(FieldError::field).containsExactly("maxPromptLength");
    }
}

package io.jenkins.plugins.codegen.task;

import static io.jenkins.plugins.codegen.task.ValidatorFixtures.codebase;
import static io.jenkins.plugins.codegen.task.ValidatorFixtures.errorsOf;
import static io.jenkins.plugins.codegen.task.ValidatorFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.FieldError;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The characters the validator lets into each field a user writes: no control characters, line
 * breaks and tabs only where a field may span lines, any other Unicode, positions as people count them.
 */
class TextFieldCharactersTest {
    /** Every field a user writes: its name, whether it may span lines, and how to validate a value in it. */
    static Stream<Arguments> textFields() {
        return Stream.of(
                taskField("id", false, v -> task().id(v)),
                taskField("title", false, v -> task().title(v)),
                taskField("description", true, v -> task().description(v)),
                taskField("requirements[0]", true, v -> task().requirements(List.of(v))),
                taskField("acceptanceCriteria[0]", true, v -> task().acceptanceCriteria(List.of(v))),
                taskField("language", false, v -> task().language(v)),
                taskField("framework", false, v -> task().framework(v)),
                taskField("testingFramework", false, v -> task().testingFramework(v)),
                taskField("affectedFiles[0]", false, v -> task().affectedFiles(List.of(v))),
                taskField("relatedTasks[0].id", false, v -> task().relatedTasks(List.of(RelatedTask.withId(v)))),
                taskField("relatedTasks[0].title", false,
                        v -> task().relatedTasks(List.of(new RelatedTask("task-0", v, "")))),
                taskField("relatedTasks[0].status", false,
                        v -> task().relatedTasks(List.of(new RelatedTask("task-0", "", v)))),
                contextField("codebase_context.repository", false, v -> codebase(v, "")),
                contextField("codebase_context.branch", false, v -> codebase("", v)),
                contextField("codebase_context.existing_files[0]", false,
                        v -> new CodebaseContext("", "", List.of(v), List.of())),
                contextField("codebase_context.dependencies[0]", false,
                        v -> new CodebaseContext("", "", List.of(), List.of(v))),
                projectField("project_context.architecture", v -> new ProjectContext(v, "", Map.of())),
                projectField("project_context.deployment", v -> new ProjectContext("", v, Map.of())),
                projectField("project_context.team", v -> new ProjectContext("", "", Map.of("team", v))));
    }

    private static Arguments taskField(String field, boolean multiLine, Function<String, CodegenTask.Builder> task) {
        return Arguments.of(field, multiLine, (Function<String, List<FieldError>>) v -> errorsOf(task.apply(v)));
    }

    private static Arguments contextField(String field, boolean multiLine, Function<String, CodebaseContext> codebase) {
        return Arguments.of(field, multiLine, (Function<String, List<FieldError>>) v -> errorsOf(codebase.apply(v)));
    }

    private static Arguments projectField(String field, Function<String, ProjectContext> project) {
        return Arguments.of(field, true, (Function<String, List<FieldError>>) v -> errorsOf(project.apply(v)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textFields")
    void refusesControlCharactersInEveryField(String field, boolean multiLine,
            Function<String, List<FieldError>> validate) {
        for (char control : new char[] {'\u0000', '\u0007', '\u001b', '\u007f'}) {
            assertThat(validate.apply("abc" + control + "def")).singleElement().isEqualTo(new FieldError(field,
                    String.format("contains control character U+%04X at position 4", (int) control),
                    "Remove it; it would corrupt the prompt."));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textFields")
    void allowsLineBreaksAndTabsOnlyInMultiLineFields(String field, boolean multiLine,
            Function<String, List<FieldError>> validate) {
        List<FieldError> lineBreakErrors = validate.apply("a\r\nb");
        List<FieldError> tabErrors = validate.apply("a\tb");

        if (multiLine) {
            assertThat(lineBreakErrors).isEmpty();
            assertThat(tabErrors).isEmpty();
        } else {
            assertThat(lineBreakErrors).singleElement().isEqualTo(
                    new FieldError(field, "contains a line break at position 2", "Keep it on one line."));
            assertThat(tabErrors).singleElement().isEqualTo(new FieldError(field,
                    "contains control character U+0009 at position 2", "Remove it; it would corrupt the prompt."));
        }
    }

    /** GitHub names are ASCII: the repository's shape is tested on its own. */
    static Stream<Arguments> freeTextFields() {
        return textFields().filter(arguments -> !arguments.get()[0].equals("codebase_context.repository"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("freeTextFields")
    void acceptsAnyOtherUnicode(String field, boolean multiLine, Function<String, List<FieldError>> validate) {
        assertThat(validate.apply("Añadir-入力検証-😀-التحقق-\u200f")).isEmpty();
    }

    @Test
    void countsPositionsInCharactersAsPeopleSeeThem() {
        assertThat(errorsOf(task().title("😀😀\u0007"))).singleElement()
                .satisfies(error -> assertThat(error.problem()).endsWith("at position 3"));
    }
}

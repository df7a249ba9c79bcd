package io.jenkins.plugins.codegen.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.FieldError;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskJsonTest {
    /** The task file users already have, as the original tool documented it. */
    private static final String USERS_TASK = """
            {"id":"task-123","title":"Implement user authentication",
             "description":"Add JWT-based authentication to the API",
             "requirements":["Login endpoint","Token refresh"],
             "acceptanceCriteria":["Valid credentials return a token","Invalid credentials return 401"],
             "complexityScore":8,"priority":"high","language":"JavaScript","framework":"Node.js",
             "testingFramework":"Jest"}""";

    private static final String USERS_CONTEXT = """
            {"codebase_context":{"repository":"https://github.com/org/repo","branch":"feature/x",
                                 "existing_files":["src/main.js"],"dependencies":["express"]},
             "project_context":{"architecture":"microservices","deployment":"kubernetes"}}""";

    @TempDir
    Path directory;

    @Test
    void readsTheUsersTaskFile() throws CodegenException {
        TaskJson.Parsed<CodegenTask> parsed = TaskJson.readTask(USERS_TASK);

        assertThat(parsed.value()).isEqualTo(CodegenTask.builder()
                .id("task-123")
                .title("Implement user authentication")
                .description("Add JWT-based authentication to the API")
                .requirements(List.of("Login endpoint", "Token refresh"))
                .acceptanceCriteria(List.of("Valid credentials return a token", "Invalid credentials return 401"))
                .complexityScore(8)
                .priority(Priority.HIGH)
                .language("JavaScript")
                .framework("Node.js")
                .testingFramework("Jest")
                .build());
        assertThat(parsed.value().type()).isEqualTo(TaskType.IMPLEMENTATION);
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void readsTheUsersContextFile() throws CodegenException {
        TaskJson.Parsed<TaskContext> parsed = TaskJson.readContext(USERS_CONTEXT);

        assertThat(parsed.value()).isEqualTo(new TaskContext(
                new CodebaseContext("https://github.com/org/repo", "feature/x", List.of("src/main.js"),
                        List.of("express")),
                new ProjectContext("microservices", "kubernetes", Map.of())));
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void readsSnakeCaseKeysLikeCamelCaseOnes() throws CodegenException {
        String camel = """
                {"taskType":"refactor","title":"t","acceptanceCriteria":["a"],"complexityScore":2,
                 "testingFramework":"JUnit 5","affectedFiles":["A.java"],"relatedTasks":["task-1"]}""";
        String snake = """
                {"task_type":"refactor","title":"t","acceptance_criteria":["a"],"complexity_score":2,
                 "testing_framework":"JUnit 5","affected_files":["A.java"],"related_tasks":["task-1"]}""";

        assertThat(TaskJson.readTask(snake).value()).isEqualTo(TaskJson.readTask(camel).value());
        assertThat(TaskJson.readTask(snake).value().affectedFiles()).containsExactly("A.java");
    }

    @Test
    void readsCamelCaseContextKeysLikeSnakeCaseOnes() throws CodegenException {
        String camel = """
                {"codebaseContext":{"existingFiles":["a.js"],"branch":"main"},
                 "projectContext":{"architecture":"monolith"}}""";

        TaskContext context = TaskJson.readContext(camel).value();

        assertThat(context.codebase().existingFiles()).containsExactly("a.js");
        assertThat(context.codebase().branch()).isEqualTo("main");
        assertThat(context.project().architecture()).isEqualTo("monolith");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"title\":\"t\",\"type\":\"bug-fix\"}          | BUG_FIX",
        "{\"title\":\"t\",\"task_type\":\"Bug Fix\"}     | BUG_FIX",
        "{\"title\":\"t\",\"taskType\":\"refactoring\"}  | REFACTOR",
        "{\"title\":\"t\",\"type\":\"feature\"}          | FEATURE",
        "{\"title\":\"t\"}                               | IMPLEMENTATION"})
    void readsTheTaskTypeUnderEitherKey(String json, TaskType expected) throws CodegenException {
        assertThat(TaskJson.readTask(json).value().type()).isEqualTo(expected);
    }

    @Test
    void readsASingleRequirementOrCriterionWrittenAsAString() throws CodegenException {
        CodegenTask task = TaskJson.readTask("""
                {"title":"t","requirements":"Only one thing","acceptanceCriteria":"It works"}""").value();

        assertThat(task.requirements()).containsExactly("Only one thing");
        assertThat(task.acceptanceCriteria()).containsExactly("It works");
    }

    @Test
    void readsRelatedTasksAsObjectsOrIds() throws CodegenException {
        CodegenTask task = TaskJson.readTask("""
                {"title":"t","relatedTasks":[{"id":"task-100","title":"Set up auth","status":"done"},
                                             "task-101", 102, {"id":103}]}""").value();

        assertThat(task.relatedTasks()).containsExactly(
                new RelatedTask("task-100", "Set up auth", "done"),
                RelatedTask.withId("task-101"),
                RelatedTask.withId("102"),
                RelatedTask.withId("103"));
    }

    @Test
    void keepsOtherProjectContextKeysAsTextInTheirOrder() throws CodegenException {
        TaskContext context = TaskJson.readContext("""
                {"project_context":{"architecture":["hexagonal","event-driven"],"team":"payments",
                 "team_size":5,"on_call":true,"ratio":0.5,"regions":["eu-west-1","us-east-1"],
                 "limits":{"cpu":"2","memory":"4Gi"},"retired":null}}""").value();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("team", "payments");
        expected.put("team_size", "5");
        expected.put("on_call", "true");
        expected.put("ratio", "0.5");
        expected.put("regions", "eu-west-1, us-east-1");
        expected.put("limits", "{\"cpu\":\"2\",\"memory\":\"4Gi\"}");
        assertThat(context.project().entries()).containsExactlyEntriesOf(expected);
        assertThat(context.project().architecture()).isEqualTo("hexagonal, event-driven");
    }

    @Test
    void treatsNullAsNotGiven() throws CodegenException {
        CodegenTask task = TaskJson.readTask("""
                {"title":"t","description":null,"requirements":null,"complexityScore":null,"priority":null}""")
                .value();

        assertThat(task).isEqualTo(CodegenTask.builder().title("t").build());
    }

    @Test
    void passesUnicodeThroughUnchanged() throws CodegenException {
        String title = "Añadir validación — 入力検証 😀 التحقق";

        assertThat(TaskJson.readTask("{\"title\":\"" + title + "\"}").value().title()).isEqualTo(title);
    }

    @Test
    void ignoresUnknownKeysButWarnsWithASuggestion() throws CodegenException {
        TaskJson.Parsed<CodegenTask> parsed = TaskJson.readTask("""
                {"title":"t","requirments":["a"],"acceptance_critera":["b"],"assignee":"kim",
                 "relatedTasks":[{"id":"task-1","stauts":"done"}]}""");

        assertThat(parsed.value().requirements()).isEmpty();
        assertThat(parsed.warnings()).containsExactly(
                "task JSON: unknown key 'relatedTasks[0].stauts' is ignored; did you mean 'status'?",
                "task JSON: unknown key 'requirments' is ignored; did you mean 'requirements'?",
                "task JSON: unknown key 'acceptance_critera' is ignored; did you mean 'acceptance_criteria'?",
                "task JSON: unknown key 'assignee' is ignored.");
    }

    @Test
    void warnsAboutUnknownKeysInTheContextButNotInTheProjectContext() throws CodegenException {
        TaskJson.Parsed<TaskContext> parsed = TaskJson.readContext("""
                {"codebase_context":{"existing_file":["a.js"]},"project_context":{"team":"x"},"owner":"me"}""");

        assertThat(parsed.warnings()).containsExactly(
                "context JSON: unknown key 'codebase_context.existing_file' is ignored; did you mean 'existing_files'?",
                "context JSON: unknown key 'owner' is ignored.");
        assertThat(parsed.value().project().entries()).containsEntry("team", "x");
    }

    @Test
    void saysWhereMalformedJsonIsBroken() {
        CodegenException e = readTaskFailure("""
                {
                  "title": "t",
                  "requirements": ["a" "b"]
                }""");

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(e.getFieldErrors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("task JSON");
            assertThat(error.problem()).startsWith("is not valid JSON at line 3, column 24: ");
            assertThat(error.remedy()).contains("missing or extra comma");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"title\": \"t\"                      | line 1, column 14",
        "{\"title\": \"t\"} {}                  | line 1, column 16",
        "{\"title\": \"a\", \"title\": \"b\"}   | line 1, column 23",
        "{'title': 't'}                         | line 1, column 2"})
    void refusesJsonThatIsNotWellFormed(String json, String location) {
        assertThat(readTaskFailure(json).getFieldErrors()).singleElement()
                .satisfies(error -> assertThat(error.problem()).contains(location).doesNotContain("REDACTED"));
    }

    @Test
    void refusesAnEmptyInput() {
        assertThat(readTaskFailure("  ").getFieldErrors()).singleElement()
                .isEqualTo(new FieldError("task JSON", "is empty",
                        "Write the fields as one JSON object, between { and }."));
    }

    @Test
    void refusesAnythingButAnObject() {
        assertThat(readTaskFailure("[{\"title\":\"t\"}]").getFieldErrors()).singleElement()
                .isEqualTo(new FieldError("task JSON", "must be a JSON object, not a list",
                        "Put the fields between { and }."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"requirements\": 5                  | requirements          | must be a list of strings, not a number",
        "\"requirements\": [\"a\", 3]         | requirements[1]       | must be a string, not a number",
        "\"requirements\": [\"a\", null]      | requirements[1]       | must be a string, not null",
        "\"acceptance_criteria\": {}          | acceptance_criteria   | must be a list of strings, not an object",
        "\"complexityScore\": \"high\"        | complexityScore       | must be a whole number from 1 to 10, not a string",
        "\"complexityScore\": 7.5             | complexityScore       | must be a whole number from 1 to 10, not a number",
        "\"complexity_score\": 10000000000    | complexity_score      | must be a whole number from 1 to 10, not a number",
        "\"title\": [\"t\"]                   | title                 | must be a string, not a list",
        "\"language\": true                   | language              | must be a string, not true or false",
        "\"id\": {}                           | id                    | must be a string, not an object",
        "\"priority\": 1                      | priority              | must be one of low, medium, high, critical, not a number",
        "\"relatedTasks\": [true]             | relatedTasks[0]       | must be a task id or an object with id, title and status, not true or false",
        "\"relatedTasks\": [{\"id\": []}]     | relatedTasks[0].id    | must be a string, not a list"})
    void namesTheFieldWhoseValueHasTheWrongType(String member, String field, String problem) {
        CodegenException e = readTaskFailure("{\"description\": \"d\", " + member + "}");

        assertThat(e.getFieldErrors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.problem()).isEqualTo(problem);
            assertThat(error.remedy()).startsWith("Change it to ");
        });
    }

    @Test
    void acceptsAWholeNumberWrittenWithADecimalPoint() throws CodegenException {
        assertThat(TaskJson.readTask("{\"title\":\"t\",\"complexityScore\":8.0}").value().complexityScore())
                .contains(8);
    }

    @Test
    void listsTheValidValuesOfAnUnknownPriorityOrType() {
        CodegenException e = readTaskFailure("{\"title\":\"t\",\"priority\":\"urgent\",\"type\":\"chore\"}");

        assertThat(e.getFieldErrors()).containsExactly(
                new FieldError("type", "is 'chore', not a known value",
                        "Use one of: implementation, bug_fix, feature, refactor."),
                new FieldError("priority", "is 'urgent', not a known value",
                        "Use one of: low, medium, high, critical."));
    }

    @Test
    void reportsEveryWrongTypeAtOnce() {
        CodegenException e = readTaskFailure("""
                {"title": 1, "requirements": 5, "complexityScore": "high", "affected_files": [7]}""");

        assertThat(e.getFieldErrors()).extracting(FieldError::field)
                .containsExactly("title", "requirements", "complexityScore", "affected_files[0]");
        assertThat(e.getMessage()).contains("complexityScore: must be a whole number");
    }

    @Test
    void refusesTheSameFieldInTwoSpellings() {
        CodegenException e = readTaskFailure("{\"title\":\"t\",\"type\":\"feature\",\"task_type\":\"bug_fix\"}");

        assertThat(e.getFieldErrors()).singleElement()
                .isEqualTo(new FieldError("task_type", "repeats 'type'", "Keep only one of the two."));
    }

    @Test
    void namesNestedContextFieldsWithTheirSection() {
        CodegenException e = catchThrowableOfType(CodegenException.class, () -> TaskJson.readContext("""
                {"codebase_context":{"branch":["main"],"existing_files":"a.js","dependencies":[{}]},
                 "project_context":"microservices"}"""));

        assertThat(e.getFieldErrors()).extracting(FieldError::field).containsExactly(
                "codebase_context.branch", "codebase_context.dependencies[0]", "project_context");
    }

    @Test
    void readsAFileAndNamesItInErrors() throws IOException, CodegenException {
        Path good = directory.resolve("task.json");
        Files.writeString(good, USERS_TASK);
        Path bad = directory.resolve("broken.json");
        Files.writeString(bad, "{\"title\": }");

        assertThat(TaskJson.readTask(good).value().id()).isEqualTo("task-123");
        assertThat(catchThrowableOfType(CodegenException.class, () -> TaskJson.readTask(bad)).getFieldErrors())
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo(bad.toString());
                    assertThat(error.problem()).startsWith("is not valid JSON at line 1, column 11");
                });
    }

    @Test
    void readsAFileThatStartsWithAByteOrderMark() throws IOException, CodegenException {
        Path file = directory.resolve("context.json");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = USERS_CONTEXT.getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(json, 0, content, bom.length, json.length);
        Files.write(file, content);

        assertThat(TaskJson.readContext(file).value().codebase().branch()).isEqualTo("feature/x");
    }

    @Test
    void saysWhenTheFileDoesNotExist() {
        Path missing = directory.resolve("missing.json");

        CodegenException e = catchThrowableOfType(CodegenException.class, () -> TaskJson.readTask(missing));

        assertThat(e.getFieldErrors()).singleElement().isEqualTo(
                new FieldError(missing.toString(), "does not exist", "Check the file name and its directory."));
    }

    @Test
    void leavesTheCallersReaderOpen() throws IOException, CodegenException {
        StringReader reader = new StringReader(USERS_TASK);

        TaskJson.readTask(reader, "task.json");

        assertThat(reader.ready()).isTrue();
    }

    @Test
    void namesAReaderInputAsTheCallerSays() {
        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> TaskJson.readContext(new StringReader("nope"), "workspace/ctx.json"));

        assertThat(e.getFieldErrors()).singleElement()
                .satisfies(error -> assertThat(error.field()).isEqualTo("workspace/ctx.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"task JSON", "context JSON"})
    void namesStringInputsByWhatTheyHold(String source) {
        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> {
                    if (source.startsWith("task")) {
                        TaskJson.readTask("{");
                    } else {
                        TaskJson.readContext("{");
                    }
                });

        assertThat(e.getFieldErrors()).singleElement()
                .satisfies(error -> assertThat(error.field()).isEqualTo(source));
    }

    private static CodegenException readTaskFailure(String json) {
        return catchThrowableOfType(CodegenException.class, () -> TaskJson.readTask(json));
    }
}

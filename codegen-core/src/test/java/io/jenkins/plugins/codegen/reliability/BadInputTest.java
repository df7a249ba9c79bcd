package io.jenkins.plugins.codegen.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.cli.Cli;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.ProjectContext;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskJson;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind, through the entry points users have (task JSON, environment variables,
 * settings, the CLI): each is refused with an error that names the field and says what to do, and
 * not one request reaches the (simulated) API. The table is written to docs/reliability.md.
 */
class BadInputTest {
    private static final List<Row> ROWS = new CopyOnWriteArrayList<>();
    /** Every case talks to this simulator; it must never receive a request. */
    @RegisterExtension
    static final SimulatorExtension SIMULATOR = new SimulatorExtension();

    private LocalBridgeLauncher launcher;

    @BeforeEach
    void setUp() {
        launcher = new LocalBridgeLauncher();
    }

    @AfterEach
    void tearDown() throws Exception {
        launcher.close();
        assertThat(SIMULATOR.stats().get("requests")).as("requests that reached the API").isEqualTo(0);
    }

    @AfterAll
    static void writeTable() throws Exception {
        StringBuilder table = new StringBuilder("| input | entry point | error type | field named | what the user is told "
                + "| requests sent |\n|---|---|---|---|---|---|\n");
        ROWS.stream().sorted(Comparator.comparing(Row::order)).forEach(r -> table.append("| ")
                .append(String.join(" | ", r.input(), r.entry(), r.type(), "`" + r.field() + "`",
                        r.told().replace("|", "\\|").replace("\n", " "), "0"))
                .append(" |\n"));
        ReliabilityDoc.replaceSection("bad-input", table.toString());
    }

    record Row(int order, String input, String entry, String type, String field, String told) {
    }

    private static void record(int order, String input, String entry, CodegenException e, String field) {
        assertThat(e).as(input).isNotNull();
        assertThat(e.getMessage() + " " + e.getGuidance()).as("names the field").contains(field);
        assertThat(e.getGuidance()).as("says what to do").isNotBlank();
        String told = e.getFieldErrors().isEmpty() ? e.getMessage() : e.getFieldErrors().get(0).toString();
        ROWS.add(new Row(order, input, entry, e.getErrorType().wireName(), field, abbreviate(told)));
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
    }

    private CodegenSettings.Builder settings() {
        return CodegenSettings.builder().token("cg-bad-input-token").orgId(1L).apiUrl(SIMULATOR.url("success"))
                .pythonPath(TestPython.interpreter()).pollInterval(Duration.ofSeconds(1));
    }

    private CodegenException processFailure(CodegenSettings.Builder settings, CodegenTask task, TaskContext context)
            throws Exception {
        try (CodegenIntegrator engine = CodegenIntegrator.builder(settings.build(), launcher).build()) {
            TaskResult result = engine.processTask(task, context);
            assertThat(result.succeeded()).isFalse();
            return CodegenException.builder(result.errorType(), result.errorMessage()).guidance(result.guidance())
                    .build();
        }
    }

    private CodegenException buildFailure(CodegenSettings.Builder settings) {
        return catchThrowableOfType(CodegenException.class,
                () -> CodegenIntegrator.builder(settings.build(), launcher).build());
    }

    static CodegenTask.Builder task() {
        return CodegenTask.builder().id("task-7").title("Add input validation").description("Validate the form.")
                .requirements(List.of("Reject empty e-mail addresses")).acceptanceCriteria(List.of("Tested"))
                .language("Java").framework("Spring").testingFramework("JUnit").affectedFiles(List.of("Form.java"));
    }

    static TaskContext context() {
        return new TaskContext(new CodebaseContext("acme/webapp", "main", List.of("src/Form.java"),
                List.of("spring-web")), new ProjectContext("layered", "kubernetes", Map.of("team", "web")));
    }

    @Test
    void malformedTaskJson() {
        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> TaskJson.readTask("{\"title\": \"Add input validation\",\n \"requirements\": [\"a\",]}"));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(e.getMessage()).contains("line 2");
        record(1, "malformed task JSON", "task file", e, "task JSON");
    }

    @Test
    void missingTitle() throws Exception {
        CodegenTask untitled = TaskJson.readTask("{\"description\": \"Validate the form.\"}").value();
        record(2, "missing title", "task file", processFailure(settings(), untitled, context()), "title");
    }

    @Test
    void unknownOptimizationLevel() {
        Cli.Result result = new Cli().env("CODEGEN_TOKEN", "cg-bad-input-token")
                .runExample("--org-id", "1", "--api-url", SIMULATOR.url("success"), "--level", "extreme");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--level").contains("minimal, standard, comprehensive");
        ROWS.add(new Row(3, "unknown optimization level", "CLI --level", "validation", "--level",
                abbreviate(result.stderr().lines().filter(l -> l.contains("--level")).findFirst().orElseThrow())));
    }

    @Test
    void negativeRetries() {
        record(4, "negative retries", "settings", buildFailure(settings().maxRetries(-1)), "maxRetries");
    }

    @Test
    void zeroOrNegativeTimeout() {
        record(5, "zero timeout", "CODEGEN_TIMEOUT=0",
                buildFailure(fromEnvironment(Map.of("CODEGEN_TIMEOUT", "0"))), "timeout");
        record(6, "negative timeout", "CODEGEN_TIMEOUT=-5m",
                buildFailure(fromEnvironment(Map.of("CODEGEN_TIMEOUT", "-5m"))), "CODEGEN_TIMEOUT");
    }

    private CodegenSettings.Builder fromEnvironment(Map<String, String> variables) {
        Map<String, String> env = new LinkedHashMap<>(Map.of("CODEGEN_TOKEN", "cg-bad-input-token",
                "CODEGEN_ORG_ID", "1", "CODEGEN_API_URL", SIMULATOR.url("success"),
                "PYTHON_PATH", TestPython.interpreter()));
        env.putAll(variables);
        return CodegenSettings.fromEnvironment(env);
    }

    @Test
    void capSmallerThanTheMinimalPrompt() throws Exception {
        CodegenTask wordy = task().requirements(List.of("x".repeat(300))).build();
        record(7, "cap smaller than the minimal prompt", "settings",
                processFailure(settings().maxPromptLength(250), wordy, context()), "maxPromptLength");
    }

    @Test
    void nonHttpApiUrl() {
        record(8, "non-http API URL", "CODEGEN_API_URL=ftp://...",
                buildFailure(fromEnvironment(Map.of("CODEGEN_API_URL", "ftp://api.codegen.com"))), "apiUrl");
    }

    @Test
    void nonNumericOrgId() {
        record(9, "non-numeric organization id", "CODEGEN_ORG_ID=acme",
                buildFailure(fromEnvironment(Map.of("CODEGEN_ORG_ID", "acme"))), "CODEGEN_ORG_ID");
    }

    @Test
    void missingPython() throws Exception {
        CodegenException e = processFailure(settings().pythonPath("/opt/no-such/python3"), task().build(), context());
        assertThat(e.getErrorType()).isEqualTo(ErrorType.PYTHON);
        record(10, "missing Python", "PYTHON_PATH", e, "/opt/no-such/python3");
    }

    @Test
    void oneMegabyteDescription() throws Exception {
        CodegenTask huge = task().description("d".repeat(1 << 20)).build();
        record(11, "1 MB description", "task", processFailure(settings(), huge, context()), "description");
    }

    /** Each text field of a task and its context, and how to put a value into it. */
    static Stream<Arguments> textFields() {
        List<Arguments> fields = new ArrayList<>();
        fields.add(field("id", (t, v) -> t.id(v)));
        fields.add(field("title", (t, v) -> t.title("Add " + v)));
        fields.add(field("description", (t, v) -> t.description("Validate " + v)));
        fields.add(field("requirements[0]", (t, v) -> t.requirements(List.of("Reject " + v))));
        fields.add(field("acceptanceCriteria[0]", (t, v) -> t.acceptanceCriteria(List.of("Tested " + v))));
        fields.add(field("language", (t, v) -> t.language("Java" + v)));
        fields.add(field("framework", (t, v) -> t.framework("Spring" + v)));
        fields.add(field("testingFramework", (t, v) -> t.testingFramework("JUnit" + v)));
        fields.add(field("affectedFiles[0]", (t, v) -> t.affectedFiles(List.of("Form" + v + ".java"))));
        return fields.stream();
    }

    private static Arguments field(String name, BiFunction<CodegenTask.Builder, String,
            CodegenTask.Builder> setter) {
        return Arguments.of(name, (Function<String, CodegenTask>) v -> setter.apply(task(), v).build());
    }

    static Stream<Arguments> contextFields() {
        return Stream.of(
                Arguments.of("codebase_context.branch",
                        (Function<String, TaskContext>) v -> new TaskContext(
                                new CodebaseContext("acme/webapp", "main" + v, List.of(), List.of()), ProjectContext.empty())),
                Arguments.of("codebase_context.existing_files[0]",
                        (Function<String, TaskContext>) v -> new TaskContext(
                                new CodebaseContext("acme/webapp", "main", List.of("src" + v), List.of()),
                                ProjectContext.empty())),
                Arguments.of("codebase_context.dependencies[0]",
                        (Function<String, TaskContext>) v -> new TaskContext(
                                new CodebaseContext("acme/webapp", "main", List.of(), List.of("spring" + v)),
                                ProjectContext.empty())),
                Arguments.of("project_context.architecture",
                        (Function<String, TaskContext>) v -> new TaskContext(CodebaseContext.empty(),
                                new ProjectContext("layered" + v, "", Map.of()))));
    }

    @ParameterizedTest(name = "control character in {0}")
    @MethodSource("textFields")
    void controlCharacterInATaskField(String field, Function<String, CodegenTask> task)
            throws Exception {
        CodegenException e = processFailure(settings(), task.apply("\u0007"), context());
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(e.getMessage()).contains(field).contains("U+0007");
        if (field.equals("title")) {
            record(12, "control character (U+0007) in any field, e.g. title", "task", e, field);
        }
    }

    @ParameterizedTest(name = "control character in {0}")
    @MethodSource("contextFields")
    void controlCharacterInAContextField(String field, Function<String, TaskContext> context)
            throws Exception {
        CodegenException e = processFailure(settings(), task().build(), context.apply("\u001B"));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(e.getMessage()).contains(field).contains("U+001B");
    }
}

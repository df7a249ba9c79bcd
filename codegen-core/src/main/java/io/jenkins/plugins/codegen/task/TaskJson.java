package io.jenkins.plugins.codegen.task;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads task and context files in the JSON shape users already have. A task:
 * <pre>{@code
 * {"id": "task-123", "type": "feature", "title": "...", "description": "...",
 *  "requirements": ["..."], "acceptanceCriteria": ["..."], "complexityScore": 8, "priority": "high",
 *  "language": "JavaScript", "framework": "Node.js", "testingFramework": "Jest",
 *  "affectedFiles": ["src/app.js"], "relatedTasks": [{"id": "task-100", "title": "...", "status": "done"}]}
 * }</pre>
 * A context:
 * <pre>{@code
 * {"codebase_context": {"repository": "acme/webapp", "branch": "feature/x",
 *                       "existing_files": ["src/main.js"], "dependencies": ["express"]},
 *  "project_context": {"architecture": "microservices", "deployment": "kubernetes", "team": "payments"}}
 * }</pre>
 * Every key may be written in camelCase or snake_case ({@code task_type} for {@code type});
 * {@code requirements} and the other lists may be a single string; related tasks may be just ids.
 * Keys inside {@code project_context} other than architecture and deployment are kept as free-form
 * entries. Other unknown keys are ignored with a warning. Malformed JSON and values of the wrong
 * type are {@link io.jenkins.plugins.codegen.error.ErrorType#VALIDATION VALIDATION} failures; whether
 * the content is acceptable is for {@link TaskValidator} to say.
 */
public final class TaskJson {
    private static final String TASK_SOURCE = "task JSON";
    private static final String CONTEXT_SOURCE = "context JSON";
    private static final String RELATED_TASK = "a task id or an object with id, title and status";
    private static final String RELATED_TASKS = "task ids or objects with id, title and status";

    /**
     * Duplicate keys and trailing text fail: silently dropping either would lose what the user wrote.
     * A reader passed in belongs to the caller, who closes it.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    /**
     * What was read, and what was ignored on the way.
     *
     * @param warnings one line each, e.g. "task.json: unknown key 'requirments' is ignored; did you
     *                 mean 'requirements'?"
     */
    public record Parsed<T>(T value, List<String> warnings) {
        public Parsed {
            warnings = List.copyOf(warnings);
        }
    }

    private interface TreeReader {
        JsonNode read() throws IOException;
    }

    private TaskJson() {
    }

    public static Parsed<CodegenTask> readTask(String json) throws CodegenException {
        return readTask(new StringReader(json), TASK_SOURCE);
    }

    /** @param source what to call the input in messages, e.g. the file name */
    public static Parsed<CodegenTask> readTask(Reader json, String source) throws CodegenException {
        return read(() -> MAPPER.readTree(json), source, TaskJson::task);
    }

    public static Parsed<CodegenTask> readTask(Path file) throws CodegenException {
        return read(file, TaskJson::task);
    }

    public static Parsed<TaskContext> readContext(String json) throws CodegenException {
        return readContext(new StringReader(json), CONTEXT_SOURCE);
    }

    /** @param source what to call the input in messages, e.g. the file name */
    public static Parsed<TaskContext> readContext(Reader json, String source) throws CodegenException {
        return read(() -> MAPPER.readTree(json), source, TaskJson::context);
    }

    public static Parsed<TaskContext> readContext(Path file) throws CodegenException {
        return read(file, TaskJson::context);
    }

    private static CodegenTask task(JsonFields fields) {
        return CodegenTask.builder()
                .id(fields.id("id"))
                .type(fields.choice(TaskType::parse, TaskType.names(), "type", "taskType"))
                .title(fields.text("title"))
                .description(fields.text("description"))
                .requirements(fields.texts("requirements"))
                .acceptanceCriteria(fields.texts("acceptanceCriteria"))
                .complexityScore(fields.integer("a whole number from 1 to 10", "complexityScore"))
                .priority(fields.choice(Priority::parse, Priority.names(), "priority"))
                .language(fields.text("language"))
                .framework(fields.text("framework"))
                .testingFramework(fields.text("testingFramework"))
                .affectedFiles(fields.texts("affectedFiles"))
                .relatedTasks(fields.list((element, field) -> relatedTask(fields, element, field), RELATED_TASKS,
                        RELATED_TASK, "relatedTasks"))
                .build();
    }

    private static Optional<RelatedTask> relatedTask(JsonFields fields, JsonNode element, String field) {
        if (element.isObject()) {
            return Optional.of(fields.readNested((ObjectNode) element, field,
                    related -> new RelatedTask(related.id("id"), related.text("title"), related.text("status"))));
        }
        return JsonFields.asId(element).map(RelatedTask::withId);
    }

    private static TaskContext context(JsonFields fields) {
        return new TaskContext(
                fields.object(TaskJson::codebase, "codebase_context").orElse(CodebaseContext.empty()),
                fields.object(TaskJson::project, "project_context").orElse(ProjectContext.empty()));
    }

    private static CodebaseContext codebase(JsonFields fields) {
        return new CodebaseContext(fields.text("repository"), fields.text("branch"), fields.texts("existing_files"),
                fields.texts("dependencies"));
    }

    private static ProjectContext project(JsonFields fields) {
        return new ProjectContext(fields.freeText("architecture"), fields.freeText("deployment"), fields.remaining());
    }

    private static <T> Parsed<T> read(Path file, Function<JsonFields, T> reader) throws CodegenException {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            // From bytes, Jackson detects UTF-8, UTF-16 and a byte order mark by itself.
            return read(() -> MAPPER.readTree(in), source, reader);
        } catch (NoSuchFileException e) {
            throw invalid(source, "does not exist", "Check the file name and its directory.");
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    private static <T> Parsed<T> read(TreeReader tree, String source, Function<JsonFields, T> reader)
            throws CodegenException {
        JsonNode root;
        try {
            root = tree.read();
        } catch (JsonProcessingException e) {
            throw invalid(source, syntaxProblem(e), "Correct the JSON there; a missing or extra comma, quote or "
                    + "bracket, or a key given twice, is the usual cause.", e);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        if (root == null || root.isMissingNode()) {
            throw invalid(source, "is empty", "Write the fields as one JSON object, between { and }.");
        }
        if (!root.isObject()) {
            throw invalid(source, "must be a JSON object, not " + JsonFields.describe(root),
                    "Put the fields between { and }.");
        }
        return JsonFields.read((ObjectNode) root, source, reader);
    }

    /** "is not valid JSON at line 3, column 5: Unexpected character ('}' (code 125)) ..." */
    private static String syntaxProblem(JsonProcessingException e) {
        String detail = e.getOriginalMessage().lines().findFirst().orElse("");
        // Jackson's wording of these two speaks of its own internals; the location says the rest.
        detail = detail.startsWith("Trailing token") ? "more text after the end of the JSON object"
                : detail.replaceFirst(" \\(start marker at \\[Source: .*", "");
        JsonLocation at = e.getLocation();
        return at == null ? "is not valid JSON: " + detail
                : "is not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + detail;
    }

    private static CodegenException unreadable(String source, IOException e) {
        return invalid(source, "could not be read (" + e.getMessage() + ")", "Check that it is a readable file.", e);
    }

    private static CodegenException invalid(String source, String problem, String remedy) {
        return CodegenException.invalid(List.of(new FieldError(source, problem, remedy)));
    }

    private static CodegenException invalid(String source, String problem, String remedy, IOException cause) {
        return invalid(source, problem, remedy).toBuilder().cause(cause).build();
    }
}

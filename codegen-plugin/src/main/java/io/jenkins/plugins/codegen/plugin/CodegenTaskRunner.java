package io.jenkins.plugins.codegen.plugin;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.bridge.ProxyEnvironment;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.TaskAbortedException;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.integrator.TaskStatus;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.TaskContext;
import io.jenkins.plugins.codegen.task.TaskJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Runs one task for the {@code codegenTask} step or the freestyle build step: settings from the
 * global configuration and the step's overrides, the credential looked up for the build, the task
 * and context from the step and its files, the engine with its bridge on the build's agent,
 * progress in the build log as it happens (secrets masked), and a record on the build page from the
 * first moment to the last.
 */
final class CodegenTaskRunner {
    static final String PREFIX = "[Codegen] ";
    private static final Logger LOGGER = Logger.getLogger(CodegenTaskRunner.class.getName());
    /** Task and context files are a few kilobytes; anything this large is a wrong path. */
    private static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final String GLOBAL_PAGE = "Manage Jenkins » System » Codegen";

    private final CodegenTaskParameters parameters;
    private final String owner;
    private final Run<?, ?> run;
    private final FilePath workspace;
    private final EnvVars environment;
    private final Launcher launcher;
    private final TaskListener listener;
    private Consumer<CodegenTaskRecord> recordCallback = record -> { };

    /**
     * @param owner how messages name a parameter, before its name, e.g. {@code "codegenTask parameter "}
     */
    CodegenTaskRunner(CodegenTaskParameters parameters, String owner, Run<?, ?> run, FilePath workspace,
                      EnvVars environment, Launcher launcher, TaskListener listener) {
        this.parameters = parameters;
        this.owner = owner;
        this.run = run;
        this.workspace = workspace;
        this.environment = environment;
        this.launcher = launcher;
        this.listener = listener;
    }

    /** Called with the build's record of the task as soon as it exists. */
    CodegenTaskRunner onRecord(Consumer<CodegenTaskRecord> callback) {
        this.recordCallback = callback;
        return this;
    }

    /**
     * Runs the task to its end.
     *
     * @return the outcome, failed or not; the caller decides whether a failure fails the build
     * @throws InterruptedException when the build is aborted, after the build log and the record
     *         say which agent run may still be working
     */
    TaskResult run() throws IOException, InterruptedException {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        boolean mock = parameters.isMock() || global.isMock();
        CodegenTaskRecord record = CodegenBuildAction.of(run)
                .start(Util.fixNull(parameters.getTitle()), parameters.getTaskId(), mock);
        recordCallback.accept(record);
        save();

        // The secrets are known before anything is printed, so that every line is masked.
        String credentialsId = mock ? null : firstNonNull(parameters.getCredentialsId(), global.getCredentialsId());
        StringCredentials credentials = credentialsId == null ? null : CodegenCredentials.forRun(credentialsId, run);
        String token = credentials == null ? null : credentials.getSecret().getPlainText();
        ProxyEnvironment proxy = JenkinsProxy.environment();
        SecretMasker masker = SecretMasker.of(Arrays.asList(token, proxy.password().orElse(null)));
        MaskingOutputStream masked = new MaskingOutputStream(listener.getLogger(), masker, run.getCharset());
        PrintStream console = new PrintStream(masked, true, run.getCharset());
        try {
            TaskResult result;
            if (!mock && credentialsId == null) {
                result = inputFailure(console, record, ErrorType.VALIDATION, "No Codegen API token is configured.",
                        "Choose a Secret text credential holding your API token (https://codegen.com/token) as "
                                + parameter("credentialsId") + " or as the default credential in " + GLOBAL_PAGE
                                + "; or set mock: true for a dry run against the simulated API.");
            } else if (!mock && credentials == null) {
                result = inputFailure(console, record, ErrorType.VALIDATION, "No Secret text credential with the id '"
                                + credentialsId + "' is visible to this build.",
                        "Add a Secret text credential with the id '" + credentialsId + "' holding your Codegen API "
                                + "token (https://codegen.com/token), globally or in the job's folder, or correct "
                                + parameter("credentialsId") + " (or the default credential in " + GLOBAL_PAGE
                                + "). Mock mode needs no credential.");
            } else {
                result = execute(global, mock, credentialsId, token, proxy, console, record);
            }
            record.finish(result);
            save();
            return result;
        } catch (TaskAbortedException e) {
            record.abort(e.partialResult());
            save();
            throw e;
        } catch (InterruptedException e) {
            if (record.isRunning()) {
                console.println(PREFIX + "Aborted before an agent run was created.");
                record.abort("Aborted before an agent run was created.", null, null);
                save();
            }
            throw e;
        } finally {
            masked.forceEol();
            masked.flush();
        }
    }

    private TaskResult execute(CodegenGlobalConfiguration global, boolean mock, @CheckForNull String credentialsId,
                               @CheckForNull String token, ProxyEnvironment proxy, PrintStream console,
                               CodegenTaskRecord record) throws IOException, InterruptedException {
        String taskFile = path(parameters.getTaskFile());
        String contextFile = path(parameters.getContextFile());
        TaskInputs inputs = new TaskInputs(parameters, owner, taskFile, contextFile);
        TaskInputs.Assembled assembled;
        try {
            CodegenTask fromTaskFile = null;
            TaskContext fromContextFile = null;
            if (taskFile != null) {
                TaskJson.Parsed<CodegenTask> parsed = readJson(taskFile, "taskFile", TaskJson::readTask);
                parsed.warnings().forEach(w -> console.println(PREFIX + "Note: " + w));
                fromTaskFile = parsed.value();
            }
            if (contextFile != null) {
                TaskJson.Parsed<TaskContext> parsed = readJson(contextFile, "contextFile", TaskJson::readContext);
                parsed.warnings().forEach(w -> console.println(PREFIX + "Note: " + w));
                fromContextFile = parsed.value();
            }
            assembled = inputs.assemble(fromTaskFile, fromContextFile);
        } catch (CodegenException e) {
            return inputFailure(console, record, e);
        }
        CodegenTask task = assembled.task();
        record.describe(task.title(), task.id());

        CodegenSettings settings;
        try {
            settings = settings(global, mock, token, credentialsId, inputs);
        } catch (CodegenException e) {
            return inputFailure(console, record, e);
        }

        console.println(PREFIX + header(task, settings, credentialsId));
        if (!proxy.isEmpty() && !proxy.unsupportedPatterns().isEmpty()) {
            console.println(PREFIX + "Note: NO_PROXY cannot express the no-proxy hosts "
                    + String.join(", ", proxy.unsupportedPatterns()) + " of Jenkins' proxy settings; requests to "
                    + "them go through the proxy.");
        }
        try (JenkinsBridgeLauncher bridgeLauncher = new JenkinsBridgeLauncher(workspace, launcher, environment)) {
            CodegenIntegrator.Builder builder = CodegenIntegrator.builder(settings, bridgeLauncher)
                    .bridgeEnvironment(proxy.variables())
                    .metadata(metadata())
                    .waitForRun(parameters.isWait());
            if (!mock) {
                CodegenMonitoring monitoring = CodegenMonitoring.get();
                builder.monitoring(monitoring.statistics(), monitoring.health());
            }
            try (CodegenIntegrator engine = builder.build()) {
                return engine.processTask(task, assembled.context(), progress -> onProgress(progress, console, record));
            } catch (CodegenException e) {
                return inputFailure(console, record, e);
            }
        }
    }

    /** The global configuration with the step's overrides, the token, and mock mode. */
    private CodegenSettings settings(CodegenGlobalConfiguration global, boolean mock, @CheckForNull String token,
                                     @CheckForNull String credentialsId, TaskInputs inputs) throws CodegenException {
        CodegenSettings.Builder builder = global.toSettings(launcher.isUnix());
        List<FieldError> errors = new ArrayList<>();
        builder.mock(mock).token(token);
        if (parameters.getOrgId() != null) {
            builder.orgId(parameters.getOrgId());
        }
        if (parameters.getMaxRetries() != null) {
            builder.maxRetries(parameters.getMaxRetries());
        }
        if (parameters.getTimeout() != null) {
            builder.timeout(Duration.ofMinutes(parameters.getTimeout()));
        }
        if (parameters.getOptimizationLevel() != null) {
            OptimizationLevel.parse(parameters.getOptimizationLevel()).ifPresentOrElse(builder::optimizationLevel,
                    () -> errors.add(new FieldError(parameter("optimizationLevel"),
                            "is '" + parameters.getOptimizationLevel() + "'",
                            "Use one of " + OptimizationLevel.names() + ".")));
        }
        if (parameters.getBackend() != null) {
            Backend.parse(parameters.getBackend()).ifPresentOrElse(builder::backend,
                    () -> errors.add(new FieldError(parameter("backend"), "is '" + parameters.getBackend() + "'",
                            "Use one of " + Backend.names() + ".")));
        }
        if (parameters.getMockScenario() != null) {
            builder.mockScenario(parameters.getMockScenario());
        }
        CodegenSettings settings = builder.build();
        for (FieldError error : settings.validate()) {
            errors.add(renameSetting(error, credentialsId));
        }
        if (!errors.isEmpty()) {
            throw CodegenException.invalid(errors);
        }
        return settings;
    }

    /** A settings problem, named as the user set it: on the step, as a global setting, or in the credential. */
    private FieldError renameSetting(FieldError error, @CheckForNull String credentialsId) {
        String field = error.field();
        switch (field) {
            case "token" -> {
                return new FieldError("the credential '" + credentialsId + "'", error.problem(), error.remedy());
            }
            case "orgId" -> {
                if (parameters.getOrgId() == null && error.problem().equals("is not set")) {
                    return new FieldError("orgId", error.problem(), "Set " + parameter("orgId") + ", or a default "
                            + "organization in " + GLOBAL_PAGE + "; https://codegen.com/token shows the id.");
                }
                return named(error, "orgId", parameters.getOrgId() != null);
            }
            case "timeout", "requestTimeout" -> {
                return named(error, "timeout", parameters.getTimeout() != null);
            }
            case "maxRetries" -> {
                return named(error, "maxRetries", parameters.getMaxRetries() != null);
            }
            case "mockScenario" -> {
                return named(error, "mockScenario", true);
            }
            case "maxDelay" -> {
                return named(error, "baseDelay", false);
            }
            case "maxPollInterval" -> {
                return named(error, "pollInterval", false);
            }
            default -> {
                return named(error, field, false);
            }
        }
    }

    private FieldError named(FieldError error, String option, boolean onTheStep) {
        String label = onTheStep ? parameter(option) : "the global setting " + option + " (" + GLOBAL_PAGE + ")";
        return new FieldError(label, error.problem(), error.remedy());
    }

    private String parameter(String name) {
        return owner + name;
    }

    private interface JsonReader<T> {
        TaskJson.Parsed<T> read(Reader reader, String source) throws CodegenException;
    }

    /** Reads a task or context file of the workspace (on the agent) as UTF-8 JSON. */
    private <T> TaskJson.Parsed<T> readJson(String path, String parameter, JsonReader<T> reader)
            throws CodegenException, IOException, InterruptedException {
        FilePath file = workspace.child(path);
        String problem = null;
        if (!file.exists()) {
            problem = "does not exist (looked for " + file.getRemote() + ")";
        } else if (file.isDirectory()) {
            problem = "is a folder, not a file";
        } else if (file.length() > MAX_FILE_BYTES) {
            problem = "is larger than 1 MiB";
        }
        if (problem != null) {
            throw CodegenException.invalid(List.of(new FieldError(parameter(parameter) + " '" + path + "'", problem,
                    "Give the path of a JSON file relative to the workspace, e.g. ci/task.json.")));
        }
        try (InputStream in = file.read(); Reader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return reader.read(text, path);
        }
    }

    /** A path relative to the workspace, with the build's variables ({@code ${BUILD_NUMBER}}) expanded. */
    @CheckForNull
    private String path(@CheckForNull String value) {
        String text = Util.fixEmptyAndTrim(value);
        return text == null ? null : environment.expand(text);
    }

    private static String header(CodegenTask task, CodegenSettings settings, @CheckForNull String credentialsId) {
        String title = "Task \"" + task.title() + "\"" + (task.id().isEmpty() ? "" : " (" + task.id() + ")");
        if (settings.mock()) {
            return title + " in mock mode: a simulated Codegen API runs on the agent (scenario "
                    + settings.mockScenario() + "); no credential is used";
        }
        return title + ": " + settings.apiUrl() + ", organization " + settings.orgId().map(String::valueOf).orElse("?")
                + ", " + settings.backend().wireName() + " backend, credential '" + credentialsId + "'";
    }

    private Map<String, Object> metadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("jenkins_job", run.getParent().getFullName());
        metadata.put("jenkins_build", run.getNumber());
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        String root = jenkins == null ? null : jenkins.getRootUrl();
        if (root != null) {
            metadata.put("jenkins_build_url", root + run.getUrl());
        }
        return metadata;
    }

    private void onProgress(Progress progress, PrintStream console, CodegenTaskRecord record) {
        for (String line : progress.message().split("\\R")) {
            console.println(PREFIX + line);
        }
        switch (progress.kind()) {
            case RUN_CREATED -> {
                // Recorded at once, so that neither an abort nor a restart loses the link to the remote run.
                record.runCreated(progress.runId(), progress.webUrl());
                save();
            }
            default -> {
                // Only printed.
            }
        }
    }

    /** A failure before the engine ran (or refused to): printed, and returned as a failed result. */
    private TaskResult inputFailure(PrintStream console, CodegenTaskRecord record, CodegenException e) {
        return inputFailure(console, record, e.getErrorType(), e.getMessage(), e.getGuidance());
    }

    private TaskResult inputFailure(PrintStream console, CodegenTaskRecord record, ErrorType type, String message,
                                    String guidance) {
        console.println(PREFIX + "[" + type.wireName() + "] " + message + " What to do: " + guidance);
        String title = record.getTitle() == null ? "" : record.getTitle();
        return new TaskResult(Util.fixNull(record.getTaskId()), title, TaskStatus.FAILED, null, null, null, null,
                null, null, null, 0, Duration.ZERO, null, 0, 0, List.of(), null, type, message, guidance, false, 0,
                null);
    }

    /** "Codegen task "Add login" failed: [authentication] ... What to do: ..." */
    static String failureMessage(TaskResult result) {
        String type = result.errorType() == null ? "unknown" : result.errorType().wireName();
        return "Codegen task \"" + result.title() + "\" failed: [" + type + "] " + result.errorMessage()
                + " What to do: " + result.guidance();
    }

    /** The result as a Pipeline gets it: plain JDK types, serializable. */
    static Map<String, Object> toPipelineMap(TaskResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        result.toMap().forEach((key, value) -> map.put(key, value instanceof List<?> list ? new ArrayList<>(list)
                : value));
        return map;
    }

    /** Saves the build, also from a thread that an abort has just interrupted. */
    private void save() {
        boolean interrupted = Thread.interrupted();
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + run + " with its Codegen record", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @CheckForNull
    private static String firstNonNull(@CheckForNull String a, @CheckForNull String b) {
        return a != null ? a : b;
    }
}

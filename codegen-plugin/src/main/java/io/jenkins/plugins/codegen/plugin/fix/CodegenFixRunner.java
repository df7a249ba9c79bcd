package io.jenkins.plugins.codegen.plugin.fix;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.fix.BuildFailure;
import io.jenkins.plugins.codegen.fix.CodeLocation;
import io.jenkins.plugins.codegen.fix.FailedTest;
import io.jenkins.plugins.codegen.fix.FailureEvidence;
import io.jenkins.plugins.codegen.fix.FixPolicy;
import io.jenkins.plugins.codegen.fix.FixResult;
import io.jenkins.plugins.codegen.fix.FixRunner;
import io.jenkins.plugins.codegen.fix.FixTask;
import io.jenkins.plugins.codegen.fix.LogExcerpt;
import io.jenkins.plugins.codegen.fix.Redactor;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.parameters.TaskInputs;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.run.CodegenTaskRunner;
import io.jenkins.plugins.codegen.plugin.run.TaskOutcomes;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import jenkins.model.Jenkins;

/**
 * Asks the agent to fix the failure of the build it runs in, for the {@code codegenFix} step and the
 * freestyle fix action: applies the guardrails (never on a branch Codegen made, at most
 * {@code maxFixesPerDay} fix runs per job), gathers the evidence (the console log's last lines and
 * the failed tests, redacted), and runs the engine's {@link FixRunner} through the task runner, so
 * that a fix has the credential, the settings, the console lines and the build record of a task.
 */
final class CodegenFixRunner {
    private final CodegenFixParameters parameters;
    private final String owner;
    private final Run<?, ?> run;
    private final FilePath workspace;
    private final EnvVars environment;
    private final Launcher launcher;
    private final TaskListener listener;
    private Consumer<CodegenTaskRecord> recordCallback = record -> { };

    /** What became of a fix: skipped with a reason, or run with a result. */
    record Outcome(@CheckForNull String skipReason, @CheckForNull TaskResult result, @CheckForNull FixResult fix) {
        static Outcome skipped(String reason) {
            return new Outcome(reason, null, null);
        }

        boolean isSkipped() {
            return skipReason != null;
        }

        /** Skipped, or run with success. */
        boolean succeeded() {
            return result == null || result.succeeded();
        }

        /** What the Pipeline step returns: the task's map with the fix's keys, or why the fix was skipped. */
        Map<String, Object> toPipelineMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            if (result == null) {
                map.put("status", "SKIPPED");
                map.put("fix", true);
                map.put("skipped", true);
                map.put("reason", skipReason);
                return map;
            }
            Map<String, Object> values = fix != null ? fix.toMap() : TaskOutcomes.toPipelineMap(result);
            values.forEach((key, value) -> map.put(key, value instanceof List<?> list ? new ArrayList<>(list) : value));
            map.put("fix", true);
            map.putIfAbsent("failureSignature", null);
            map.putIfAbsent("foundEarlierRun", false);
            map.put("skipped", false);
            return map;
        }
    }

    /** @param owner how messages name a parameter, before its name, e.g. {@code "codegenFix parameter "} */
    CodegenFixRunner(CodegenFixParameters parameters, String owner, Run<?, ?> run, FilePath workspace,
                     EnvVars environment, Launcher launcher, TaskListener listener) {
        this.parameters = parameters;
        this.owner = owner;
        this.run = run;
        this.workspace = workspace;
        this.environment = environment;
        this.launcher = launcher;
        this.listener = listener;
    }

    /** Called with the build's record of the fix as soon as it exists. */
    CodegenFixRunner onRecord(Consumer<CodegenTaskRecord> callback) {
        this.recordCallback = callback;
        return this;
    }

    Outcome run() throws IOException, InterruptedException {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        String job = run.getParent().getFullName();
        String branch = firstGiven(expand(parameters.getBranch()), environment.get("GIT_BRANCH"),
                environment.get("BRANCH_NAME"));
        String prefix = parameters.getCodegenBranchPrefix() != null ? parameters.getCodegenBranchPrefix()
                : global.getCodegenBranchPrefix();
        FixPolicy policy = new FixPolicy(prefix, global.getMaxFixesPerDay());
        // Counting reads the day's builds: only when the branch does not already decide.
        int today = policy.skipReason(job, branch, 0).isPresent() ? 0
                : FixRunCount.inLastDay(run.getParent(), System.currentTimeMillis());
        Optional<String> skip = policy.skipReason(job, branch, today);
        if (skip.isPresent()) {
            listener.getLogger().println(CodegenTaskRunner.PREFIX + skip.get());
            return Outcome.skipped(skip.get());
        }
        Fix fix = new Fix(job, branch);
        TaskResult result = new CodegenTaskRunner(parameters.task(), owner, run, workspace, environment, launcher,
                listener)
                .onRecord(record -> {
                    record.markFix();
                    record.describe("Fix the failing build of " + job, null);
                    fix.record = record;
                    recordCallback.accept(record);
                })
                .prepared(fix)
                .run();
        if (fix.result != null && fix.record != null) {
            fix.record.fixed(fix.result.signature().value(), fix.result.foundEarlierRun());
            run.save();
        }
        return new Outcome(null, result, fix.result);
    }

    /** The fix as the task runner runs it: the evidence read once the secrets to mask are known. */
    private final class Fix implements CodegenTaskRunner.PreparedTask {
        private final String job;
        private final String branch;
        private BuildFailure failure;
        private FixResult result;
        private CodegenTaskRecord record;

        Fix(String job, @CheckForNull String branch) {
            this.job = job;
            this.branch = branch;
        }

        @Override
        public TaskInputs.Assembled assemble(SecretMasker secrets) throws CodegenException, IOException {
            int lines = parameters.getLogLines() != null ? parameters.getLogLines() : LogExcerpt.DEFAULT_LINES;
            if (lines < 1 || lines > LogExcerpt.MAX_LINES) {
                throw CodegenException.invalid(List.of(new FieldError(owner + "logLines", "is " + lines
                        + "; it must be from 1 to " + LogExcerpt.MAX_LINES,
                        "Send fewer lines: the default, " + LogExcerpt.DEFAULT_LINES + ", holds most failures.")));
            }
            CodeLocation location = location();
            Redactor redactor = Redactor.of(secrets);
            LogExcerpt log;
            try (Reader reader = run.getLogReader()) {
                log = LogExcerpt.read(reader, lines, redactor);
            }
            List<FailedTest> tests = BuildTestResults.failedTests(run, redactor);
            failure = new BuildFailure(job, buildUrl(), location, new FailureEvidence(log, tests),
                    workspace.getRemote());
            FixTask task = FixTask.of(failure);
            return new TaskInputs.Assembled(task.task(), task.context());
        }

        @Override
        public TaskResult run(CodegenIntegrator engine, ProgressListener progress)
                throws CodegenException, InterruptedException {
            result = new FixRunner(engine).run(failure, parameters.isForce(), progress);
            return result.result();
        }

        /** The step's repository, branch and commit win over the build's {@code GIT_*} variables. */
        private CodeLocation location() throws CodegenException {
            String repository = firstGiven(expand(parameters.getRepository()), environment.get("GIT_URL"));
            String commit = firstGiven(expand(parameters.getCommit()), environment.get("GIT_COMMIT"));
            try {
                return CodeLocation.of(repository, branch, commit);
            } catch (CodegenException e) {
                // Named as the user can set them: the parameter, or the variable a Git checkout sets.
                List<FieldError> named = new ArrayList<>();
                for (FieldError error : e.getFieldErrors()) {
                    String variable = error.field().equals("commit") ? "GIT_COMMIT" : "GIT_URL";
                    named.add(new FieldError(owner + error.field() + " (or " + variable + ")", error.problem(),
                            error.remedy()));
                }
                throw named.isEmpty() ? e : CodegenException.invalid(named);
            }
        }
    }

    private String buildUrl() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        String root = jenkins == null ? null : jenkins.getRootUrl();
        return root == null ? "" : root + run.getUrl();
    }

    /** A value given with the build's variables, e.g. {@code ${GIT_COMMIT}}, expanded. */
    @CheckForNull
    private String expand(@CheckForNull String value) {
        return value == null ? null : environment.expand(value);
    }

    @CheckForNull
    private static String firstGiven(String... values) {
        for (String value : values) {
            String text = Util.fixEmptyAndTrim(value);
            if (text != null) {
                return text;
            }
        }
        return null;
    }
}

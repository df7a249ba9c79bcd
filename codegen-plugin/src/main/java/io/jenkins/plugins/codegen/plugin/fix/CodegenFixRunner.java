package io.jenkins.plugins.codegen.plugin.fix;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.fix.BuildBranch;
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
import io.jenkins.plugins.codegen.integrator.ClientRequestId;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.parameters.TaskInputs;
import io.jenkins.plugins.codegen.plugin.record.CodegenFixSkips;
import io.jenkins.plugins.codegen.plugin.record.CodegenTaskRecord;
import io.jenkins.plugins.codegen.plugin.run.CodegenTaskRunner;
import io.jenkins.plugins.codegen.plugin.run.PreparedTask;
import io.jenkins.plugins.codegen.plugin.run.TaskOutcomes;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Asks the agent to fix the failure of the build it runs in, for the {@code codegenFix} step and the
 * freestyle fix action: applies the guardrails (never on a branch Codegen made, at most
 * {@code maxFixesPerDay} fix runs per job), gathers the evidence (the console log's last lines and
 * the failed tests, redacted), and runs the engine's {@link FixRunner} through the task runner, so
 * that a fix has the credential, the settings, the console lines and the build record of a task.
 *
 * <p>The durable {@code codegenFix} step runs it in steps ({@link #skipReason}, {@link #taskRunner},
 * {@link #outcome}) with a {@link State} it keeps, so that a restarted controller picks the same fix
 * up again; the freestyle fix action runs it whole ({@link #run}).
 */
final class CodegenFixRunner {
    private final CodegenFixParameters parameters;
    private final String owner;
    private final Run<?, ?> run;
    private final FilePath workspace;
    private final EnvVars environment;
    private final Launcher launcher;
    private final TaskListener listener;
    private State state = new State();
    /** The fix the last {@link #taskRunner} runs. */
    @CheckForNull
    private Fix fix;
    /** Set for an automatic fix: told the run's tag before its bridge is launched. */
    @CheckForNull
    private EndedBuildFix.BeforeLaunch beforeLaunch;
    /** The failed build's workspace, stripped from the log for the failure's signature. */
    private String buildWorkspace;

    /**
     * What a fix that is picked up again needs to be the same fix: the tag its agent run is created
     * with (a forced fix's is of its own), and how much of the build's log its evidence was read from
     * (the log goes on growing, with the fix's own lines).
     */
    static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        private volatile String tag;
        private volatile boolean lookFirst;
        /** The characters of the log the evidence was read from; -1 before it was read. */
        private volatile long logChars = -1;
    }

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
        this.buildWorkspace = workspace.getRemote();
    }

    /**
     * An automatic fix, run by the controller after the build ended: its record says so, the tag is
     * handed to {@code hook} before the bridge is launched, and a tag kept from an earlier start is
     * used again (it finds the agent run that start made).
     *
     * @param buildWorkspace where the build ran, which is not where this fix's bridge runs
     */
    CodegenFixRunner automatic(@CheckForNull String keptTag, String buildWorkspace, EndedBuildFix.BeforeLaunch hook) {
        this.beforeLaunch = hook;
        this.buildWorkspace = Util.fixNull(buildWorkspace);
        if (keptTag != null) {
            state.tag = keptTag;
            state.lookFirst = true;
        }
        return this;
    }

    /** Keeps what picks the fix up again in {@code value} (a durable step's). */
    CodegenFixRunner state(State value) {
        this.state = value;
        return this;
    }

    /** The freestyle action's fix: the guardrails, then the fix, to its end. */
    Outcome run() throws IOException, InterruptedException {
        String skip = skipReason();
        return skip != null ? Outcome.skipped(skip) : outcome(taskRunner().run());
    }

    /**
     * Why this failure gets no fix (never on a branch Codegen made, at most {@code maxFixesPerDay} fix
     * runs a day), in the build log and on the build's page; null when it gets one.
     */
    @CheckForNull
    String skipReason() throws IOException {
        CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
        String branch = branch();
        String prefix = parameters.getCodegenBranchPrefix() != null ? parameters.getCodegenBranchPrefix()
                : global.getCodegenBranchPrefix();
        FixPolicy policy = new FixPolicy(prefix, global.getMaxFixesPerDay());
        String job = run.getParent().getFullName();
        // Counting reads the day's builds: only when the branch does not already decide.
        int today = policy.skipReason(job, branch, 0).isPresent() ? 0
                : FixRunCount.inLastDay(run.getParent(), System.currentTimeMillis());
        Optional<String> skip = policy.skipReason(job, branch, today);
        if (skip.isEmpty()) {
            return null;
        }
        listener.getLogger().println(CodegenTaskRunner.PREFIX + skip.get());
        CodegenFixSkips.of(run).add(skip.get());
        run.save();
        return skip.get();
    }

    /** The task runner that runs the fix, or picks it up again ({@link CodegenTaskRunner#resume}). */
    CodegenTaskRunner taskRunner() {
        String job = run.getParent().getFullName();
        Fix current = new Fix(job, branch());
        fix = current;
        return new CodegenTaskRunner(parameters.task(), owner, run, workspace, environment, launcher, listener)
                .onRecord(record -> {
                    record.markFix();
                    if (beforeLaunch != null) {
                        record.markAutomatic();
                    }
                    record.describe("Fix the failing build of " + job, null);
                    current.record = record;
                })
                .prepared(current);
    }

    /** What became of the fix that the last {@link #taskRunner} ran, also in its record. */
    Outcome outcome(TaskResult result) throws IOException {
        Fix current = fix;
        FixResult fixed = current == null ? null : current.result;
        CodegenTaskRecord record = current == null ? null : current.record;
        if (fixed != null && record != null) {
            record.fixed(fixed.signature().value(), fixed.foundEarlierRun());
            run.save();
        }
        return new Outcome(null, result, fixed);
    }

    /**
     * The branch that failed, read as every fix reads it ({@link BuildBranch}): the step's; in a
     * build of a pull request (multibranch), the pull request's own branch, since {@code BRANCH_NAME}
     * is {@code PR-12} there; else the branch job's; else the checkout's.
     */
    @CheckForNull
    private String branch() {
        BuildBranch built = BuildBranch.of(expand(parameters.getBranch()), environment);
        return built.isKnown() ? built.branch() : null;
    }

    /** The branch a pull request merges into, when the failed build is of one and the step named no branch. */
    @CheckForNull
    private String targetBranch() {
        BuildBranch built = BuildBranch.of(null, environment);
        return built.isPullRequest() && firstGiven(expand(parameters.getBranch())) == null ? built.changeTarget()
                : null;
    }

    /** The fix as the task runner runs it: the evidence read once the secrets to mask are known. */
    private final class Fix implements PreparedTask {
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
            Integer given = parameters.getLogLines();
            int lines = given != null ? given : LogExcerpt.DEFAULT_LINES;
            if (lines < 1 || lines > LogExcerpt.MAX_LINES) {
                throw CodegenException.invalid(List.of(new FieldError(owner + "logLines", "is " + lines
                        + "; it must be from 1 to " + LogExcerpt.MAX_LINES,
                        "Send fewer lines: the default, " + LogExcerpt.DEFAULT_LINES + ", holds most failures.")));
            }
            CodeLocation location = location();
            Redactor redactor = Redactor.of(secrets);
            LogExcerpt log;
            // A fix picked up again reads the log as far as the first read did: the same evidence, the same tag.
            try (LogPrefix reader = new LogPrefix(run.getLogReader(), state.logChars)) {
                log = LogExcerpt.read(reader, lines, redactor);
                state.logChars = reader.charsRead();
            }
            List<FailedTest> tests = BuildTestResults.failedTests(run, redactor);
            failure = new BuildFailure(job, buildUrl(), location, new FailureEvidence(log, tests), buildWorkspace);
            FixTask task = FixTask.of(failure);
            return new TaskInputs.Assembled(task.task(), task.context());
        }

        /** The fix's tag: the one kept for it, or the failure's (a forced fix's is of its own). */
        @Override
        public ClientRequestId requestId() {
            String kept = state.tag;
            ClientRequestId tag = kept != null ? new ClientRequestId(kept, state.lookFirst)
                    : FixRunner.requestId(failure, parameters.isForce());
            state.lookFirst = tag.lookFirst();
            state.tag = tag.value();
            return tag;
        }

        @Override
        public TaskResult run(CodegenIntegrator engine, ProgressListener progress, @CheckForNull BridgeState resumeFrom)
                throws CodegenException, InterruptedException {
            ClientRequestId tag = requestId();
            if (beforeLaunch != null) {
                beforeLaunch.tag(tag.value());
            }
            result = new FixRunner(engine).run(failure, tag, progress, resumeFrom);
            return result.result();
        }

        /** The step's repository, branch and commit win over the build's {@code GIT_*} variables. */
        private CodeLocation location() throws CodegenException {
            String repository = firstGiven(expand(parameters.getRepository()), environment.get("GIT_URL"));
            String commit = firstGiven(expand(parameters.getCommit()), environment.get("GIT_COMMIT"));
            try {
                CodeLocation location = CodeLocation.of(repository, branch, commit);
                String target = targetBranch();
                return target == null ? location : location.withTargetBranch(target);
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

    /** The log's first {@code limit} characters (all of it when negative), counting what was read. */
    private static final class LogPrefix extends FilterReader {
        private final long limit;
        private long read;

        LogPrefix(Reader log, long limit) {
            super(log);
            this.limit = limit;
        }

        long charsRead() {
            return read;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int wanted = limit < 0 ? length : (int) Math.min(length, limit - read);
            if (wanted <= 0 && length > 0) {
                return -1;
            }
            int count = super.read(buffer, offset, wanted);
            if (count > 0) {
                read += count;
            }
            return count;
        }

        @Override
        public long skip(long n) throws IOException {
            char[] skipped = new char[(int) Math.min(Math.max(n, 0), 8192)];
            int count = n <= 0 ? 0 : read(skipped, 0, skipped.length);
            return Math.max(count, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}

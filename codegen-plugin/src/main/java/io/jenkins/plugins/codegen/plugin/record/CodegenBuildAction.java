package io.jenkins.plugins.codegen.plugin.record;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.AbstractBuild;
import hudson.model.Api;
import hudson.model.BuildBadgeAction;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.codegen.plugin.monitoring.BuildTasks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The Codegen tasks of one build: a summary on the build page, a page of its own
 * ({@code /job/NAME/N/codegen/}), a badge in the build history that links to the pull request, and
 * the records in the build's REST API. Freestyle builds also get the last task's outcome as
 * {@code CODEGEN_*} environment variables for the steps that follow.
 */
@ExportedBean
public class CodegenBuildAction implements RunAction2, BuildBadgeAction, EnvironmentContributingAction, BuildTasks {
    private static final Object LOCK = new Object();
    /** Up to this many tasks, the summary details each one; above, it is a table. */
    static final int LONGEST_DETAILED_SUMMARY = 5;

    private CopyOnWriteArrayList<CodegenTaskRecord> tasks = new CopyOnWriteArrayList<>();
    /** The tags the build's tasks created (or may have created) their runs with ({@link TaskTags}). */
    private CopyOnWriteArraySet<String> tags = new CopyOnWriteArraySet<>();
    /**
     * The tags whose agent run holds a unit of the budgets: a later attempt with the same tag (a
     * {@code retry}, a pickup after a restart, a fix of an identical failure) follows that run and
     * takes no unit of its own.
     */
    private CopyOnWriteArraySet<String> budgetedTags = new CopyOnWriteArraySet<>();
    private transient Run<?, ?> run;

    /** The build's action, added on first use (parallel branches share it). */
    public static CodegenBuildAction of(Run<?, ?> run) {
        synchronized (LOCK) {
            CodegenBuildAction action = run.getAction(CodegenBuildAction.class);
            if (action == null) {
                action = new CodegenBuildAction();
                run.addAction(action);
            }
            return action;
        }
    }

    /** Records a task that starts now. */
    public CodegenTaskRecord start(String title, @CheckForNull String taskId, boolean mock) {
        CodegenTaskRecord record = new CodegenTaskRecord(title, taskId, mock);
        tasks.add(record);
        return record;
    }

    @CheckForNull
    public CodegenTaskRecord find(String id) {
        return tasks.stream().filter(r -> r.getId().equals(id)).findFirst().orElse(null);
    }

    /** The newest record of an agent run, e.g. the one {@code codegenTask(wait: false)} made; null if none. */
    @CheckForNull
    public CodegenTaskRecord findByRunId(long runId) {
        CodegenTaskRecord found = null;
        for (CodegenTaskRecord record : tasks) {
            Long id = record.getRunId();
            if (id != null && id == runId) {
                found = record;
            }
        }
        return found;
    }

    /** Records an agent run started elsewhere (another build, the CLI, codegen.com) that a wait follows. */
    public CodegenTaskRecord startWaitFor(long runId) {
        CodegenTaskRecord record = new CodegenTaskRecord("Agent run " + runId, null, false);
        tasks.add(record);
        return record;
    }

    /** Notes a task's tag: whether an earlier task of the build (a retry's earlier attempt) already used it. */
    public boolean tagUsedBefore(String tag) {
        return !tags.add(tag);
    }

    /** Notes that a unit of the budgets was taken for the run of this tag ({@code held}) or given back. */
    public void budgeted(String tag, boolean held) {
        if (held) {
            budgetedTags.add(tag);
        } else {
            budgetedTags.remove(tag);
        }
    }

    /** Whether an earlier task of the build holds a unit of the budgets for the run of this tag. */
    public boolean isBudgeted(String tag) {
        return budgetedTags.contains(tag);
    }

    protected Object readResolve() {
        if (budgetedTags == null) {
            budgetedTags = new CopyOnWriteArraySet<>();
        }
        if (tasks == null) {
            tasks = new CopyOnWriteArrayList<>();
        }
        if (tags == null) {
            tags = new CopyOnWriteArraySet<>();
        }
        return this;
    }

    @Exported(visibility = 2)
    public List<CodegenTaskRecord> getTasks() {
        return List.copyOf(tasks);
    }

    /**
     * Whether the build page's summary lists the tasks as a table, one row each: with many tasks (20
     * parallel waits), three lines each would push the rest of the page far down.
     */
    public boolean isCompactSummary() {
        return tasks.size() > LONGEST_DETAILED_SUMMARY;
    }

    /** The tasks the summary details, each with its lines; none when it shows the table. */
    public List<CodegenTaskRecord> getDetailedTasks() {
        return isCompactSummary() ? List.of() : getTasks();
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** {@code /job/NAME/N/codegen/api/json?depth=1}. */
    public Api getApi() {
        return new Api(this);
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    /**
     * A task that was running when the build ended (a controller restart, say) is shown as
     * interrupted; an automatic fix runs after the build ended, and its queue starts it again.
     */
    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
        if (!r.isBuilding()) {
            tasks.stream().filter(task -> !task.isAutomatic()).forEach(CodegenTaskRecord::interrupt);
        }
    }

    @Override
    public String getIconFileName() {
        return "symbol-code-working";
    }

    @Override
    public String getDisplayName() {
        return Messages.CodegenBuildAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "codegen";
    }

    /** Where the badge links: the pull request when the build opened exactly one; null for this page. */
    @CheckForNull
    public String getBadgeUrl() {
        List<String> links = tasks.stream().map(task -> task.getView().getSafePrUrl()).filter(u -> u != null).toList();
        return links.size() == 1 ? links.get(0) : null;
    }

    public String getBadgeTooltip() {
        List<CodegenTaskRecord> all = getTasks();
        if (all.size() == 1) {
            CodegenTaskRecord task = all.get(0);
            return task.getPrNumber() != null ? "Codegen: pull request #" + task.getPrNumber()
                    : "Codegen: " + task.getView().getStatusText().toLowerCase(java.util.Locale.ROOT);
        }
        long opened = all.stream().filter(t -> t.getPrUrl() != null).count();
        return "Codegen: " + all.size() + " tasks, " + opened + " pull request" + (opened == 1 ? "" : "s");
    }

    /**
     * {@code CODEGEN_STATUS}, {@code CODEGEN_PR_URL}, {@code CODEGEN_PR_NUMBER}, {@code CODEGEN_BRANCH},
     * {@code CODEGEN_RUN_ID} and {@code CODEGEN_RUN_URL} of the build's last task, for the freestyle
     * steps after it (Pipeline uses the map the step returns).
     */
    @Override
    public void buildEnvironment(@NonNull Run<?, ?> r, @NonNull EnvVars env) {
        if (tasks.isEmpty() || !(r instanceof AbstractBuild)) {
            return;
        }
        CodegenTaskRecord last = tasks.get(tasks.size() - 1);
        env.put("CODEGEN_STATUS", last.getStatus());
        env.putIfNotNull("CODEGEN_PR_URL", last.getPrUrl());
        env.putIfNotNull("CODEGEN_PR_NUMBER", last.getPrNumber() == null ? null : last.getPrNumber().toString());
        env.putIfNotNull("CODEGEN_BRANCH", last.getBranch());
        env.putIfNotNull("CODEGEN_RUN_ID", last.getRunId() == null ? null : last.getRunId().toString());
        env.putIfNotNull("CODEGEN_RUN_URL", last.getWebUrl());
    }
}

package io.jenkins.plugins.codegen.plugin.budget;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.codegen.bridge.BridgeState;
import io.jenkins.plugins.codegen.budget.BudgetGrant;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.ClientRequestId;
import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The unit of the budgets one task takes before its agent run is created, and its settling once the
 * engine is done: kept when a run was created (or may have been), given back when none was.
 *
 * <p>A task whose tag already holds a unit (an earlier attempt in a {@code retry}, the same task
 * picked up after a restart, a fix of a failure identical to one of an earlier build) takes none:
 * it follows that run, or makes the run the unit was taken for.
 */
public final class BudgetTake {
    /**
     * Failures that leave no agent run behind when none was reported: the input, the bridge's
     * interpreter or the proxy failed before a create, or Codegen refused the create. The others
     * (a connection lost, a timeout, a server error) may come after a create whose answer was lost,
     * and keep the unit: a run the file does not count could overrun a budget.
     */
    private static final Set<ErrorType> NOTHING_CREATED = EnumSet.of(ErrorType.VALIDATION, ErrorType.AUTHENTICATION,
            ErrorType.PERMISSION, ErrorType.QUOTA, ErrorType.NOT_FOUND, ErrorType.RATE_LIMIT, ErrorType.PYTHON,
            ErrorType.IMPORT, ErrorType.PROXY, ErrorType.BUDGET);
    /** How many earlier builds of the job are asked whether a fix's tag holds a unit. */
    private static final int EARLIER_BUILDS = 20;
    private static final Logger LOGGER = Logger.getLogger(BudgetTake.class.getName());

    private final Run<?, ?> run;
    @CheckForNull
    private final String tag;
    @CheckForNull
    private final BudgetGrant grant;
    private volatile boolean bridgeStarted;
    private volatile boolean created;
    private volatile boolean found;

    private BudgetTake(Run<?, ?> run, @CheckForNull String tag, @CheckForNull BudgetGrant grant) {
        this.run = run;
        this.tag = tag;
        this.grant = grant;
    }

    /** Nothing taken: a task picked up from where its bridge runs follows the run it made. */
    public static BudgetTake none(Run<?, ?> run) {
        return new BudgetTake(run, null, null);
    }

    /**
     * Takes one unit in every scope the build's job counts in, unless the tag's run holds one already.
     *
     * @param tag the tag the agent run is created with; null when the task's tag is not known beforehand
     * @throws CodegenException of type {@code budget} naming the full scope, its limit and when it frees up
     */
    public static BudgetTake take(Run<?, ?> run, @CheckForNull ClientRequestId tag) throws CodegenException {
        String value = tag == null ? null : tag.value();
        if (value != null && heldBefore(run, value, tag.lookFirst())) {
            return new BudgetTake(run, value, null);
        }
        BudgetGrant grant = CodegenBudgets.get().ledger().take(JobBudgets.request(run.getParent()));
        if (value != null) {
            CodegenBuildAction.of(run).budgeted(value, true);
            save(run); // a pickup after a crash must see that the tag holds its unit
        }
        return new BudgetTake(run, value, grant);
    }

    private static void save(Run<?, ?> run) {
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + run + " with the tag of its budgeted Codegen run", e);
        }
    }

    private static boolean heldBefore(Run<?, ?> run, String tag, boolean lookFirst) {
        if (CodegenBuildAction.of(run).isBudgeted(tag)) {
            return true;
        }
        if (!lookFirst) {
            return false;
        }
        // A fix's tag is the failure's, the same in every build that fails the same way.
        Job<?, ?> job = run.getParent();
        int asked = 0;
        for (Run<?, ?> earlier = run.getPreviousBuild(); earlier != null && asked < EARLIER_BUILDS;
                earlier = earlier.getPreviousBuild(), asked++) {
            CodegenBuildAction action = earlier.getAction(CodegenBuildAction.class);
            if (action != null && action.isBudgeted(tag) && earlier.getParent() == job) {
                return true;
            }
        }
        return false;
    }

    /** Whether a unit was taken now (not when the task follows a run that holds one). */
    public boolean tookUnit() {
        return grant != null;
    }

    /** The task's progress, watched for the run it creates or finds, then handed on. */
    public ProgressListener watching(ProgressListener listener) {
        return new ProgressListener() {
            @Override
            public void onProgress(Progress progress) {
                if (progress.kind() == Progress.Kind.RUN_CREATED) {
                    String how = progress.bridgeEvent().flatMap(e -> e.text("how")).orElse("created");
                    if (how.equals("found") || how.equals("resumed")) {
                        found = true;
                    } else {
                        created = true;
                    }
                }
                listener.onProgress(progress);
            }

            @Override
            public void onBridgeStarted(BridgeState state) {
                bridgeStarted = true;
                listener.onBridgeStarted(state);
            }
        };
    }

    /**
     * The engine is done: gives the unit back when no agent run was created.
     *
     * @param failedWith the task's error type, or null when it succeeded (or still works)
     * @param aborted the build was aborted (the run may have been created as the abort came)
     */
    public void settle(@CheckForNull ErrorType failedWith, boolean aborted) {
        if (grant == null || created) {
            return;
        }
        boolean noRun = found || (aborted ? !bridgeStarted
                : failedWith != null && (!bridgeStarted || NOTHING_CREATED.contains(failedWith)));
        if (noRun) {
            CodegenBudgets.get().ledger().giveBack(grant);
            if (tag != null) {
                CodegenBuildAction.of(run).budgeted(tag, false);
                save(run);
            }
        }
    }
}

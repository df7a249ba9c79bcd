package io.jenkins.plugins.codegen.plugin.history;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Gives every job its Codegen history and charts. Nothing is stored on the job: each build keeps its
 * own records, which the history reads. Jenkins shows a job, and so its actions, only to users who
 * may read it.
 */
@Extension
@SuppressWarnings("rawtypes") // TransientActionFactory<Job>: Job's own type parameters cannot be named here
public class CodegenHistoryFactory extends TransientActionFactory<Job> {

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    /** Lets Jenkins skip this factory when it looks for another kind of action. */
    @Override
    public Class<? extends Action> actionType() {
        return CodegenHistoryAction.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        return List.of(new CodegenHistoryAction((Job<?, ?>) target));
    }
}

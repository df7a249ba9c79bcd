package io.jenkins.plugins.codegen.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * Which scopes a job's agent runs count in: the global scope, every folder the job is in (outermost
 * first), and the job itself.
 *
 * <p>The multibranch rule: the branch and pull-request jobs of a multibranch project are created and
 * deleted by Jenkins as branches come and go, so a budget per branch job would be no budget at all
 * (a fix opens a pull request, whose new job would start with a fresh budget, and so on). For budgets
 * the multibranch project is the job: all its branch jobs count together, and the folders above the
 * project are its folders. An organization folder above it is a folder like any other.
 */
public final class BudgetScopes {
    private BudgetScopes() {
    }

    /**
     * The job scope a build counts in.
     *
     * @param jobFullName the job's full name, e.g. {@code team-a/webapp/main} for branch {@code main}
     * @param parentIsMultibranch whether the job's parent is a multibranch project
     */
    public static BudgetScope jobScope(String jobFullName, boolean parentIsMultibranch) {
        String name = BudgetScope.normalize(jobFullName);
        if (!parentIsMultibranch) {
            return BudgetScope.job(name);
        }
        int slash = name.lastIndexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("job '" + jobFullName + "' is said to be in a multibranch project, "
                    + "but its full name names no parent");
        }
        return BudgetScope.multibranch(name.substring(0, slash));
    }

    /**
     * Every scope a run of the job counts in, outermost first: global, {@code team-a},
     * {@code team-a/sub}, then the job (or its multibranch project).
     */
    public static List<BudgetScope> chain(String jobFullName, boolean parentIsMultibranch) {
        BudgetScope job = jobScope(jobFullName, parentIsMultibranch);
        List<BudgetScope> scopes = new ArrayList<>();
        scopes.add(BudgetScope.global());
        String key = job.key();
        for (int slash = key.indexOf('/'); slash > 0; slash = key.indexOf('/', slash + 1)) {
            scopes.add(BudgetScope.folder(key.substring(0, slash)));
        }
        scopes.add(job);
        return scopes;
    }
}

package io.jenkins.plugins.codegen.fix;

import java.util.Objects;
import java.util.Optional;

/**
 * When a failed build is not worth a fix: on a branch Codegen created (a fix of a failing fix
 * could go on for ever), and once a job has had its fix runs for the day. The caller counts the
 * runs; every skip comes with a one-line reason for the console.
 *
 * @param codegenBranchPrefix branches named this, or starting with it and then {@code /}, {@code -}
 *        or {@code _}, are Codegen's; empty to fix on every branch
 * @param maxFixesPerDay fix runs a job may start in a day; 0 turns fixes off
 */
public record FixPolicy(String codegenBranchPrefix, int maxFixesPerDay) {
    public static final String DEFAULT_CODEGEN_BRANCH_PREFIX = "codegen";
    public static final int DEFAULT_MAX_FIXES_PER_DAY = 3;

    public FixPolicy {
        codegenBranchPrefix = Objects.requireNonNullElse(codegenBranchPrefix, "").strip();
        if (maxFixesPerDay < 0) {
            throw new IllegalArgumentException("maxFixesPerDay is " + maxFixesPerDay + "; it must be 0 or more");
        }
    }

    public static FixPolicy defaults() {
        return new FixPolicy(DEFAULT_CODEGEN_BRANCH_PREFIX, DEFAULT_MAX_FIXES_PER_DAY);
    }

    /**
     * Why this failure gets no fix, or empty when it may have one.
     *
     * @param branch the branch that failed, as {@link CodeLocation#branch()} has it
     * @param fixRunsToday fix runs this job started today (found runs of earlier fixes do not count)
     */
    public Optional<String> skipReason(String job, String branch, int fixRunsToday) {
        if (isCodegenBranch(branch)) {
            return Optional.of("Codegen fix skipped: branch " + branch + " was made by Codegen (prefix '"
                    + codegenBranchPrefix + "'), and a fix is never asked for a fix.");
        }
        if (maxFixesPerDay == 0) {
            return Optional.of("Codegen fix skipped: fixes are off (maxFixesPerDay is 0).");
        }
        if (fixRunsToday >= maxFixesPerDay) {
            return Optional.of("Codegen fix skipped: job " + job + " has had " + fixRunsToday + " fix run"
                    + (fixRunsToday == 1 ? "" : "s") + " today, and maxFixesPerDay is " + maxFixesPerDay + ".");
        }
        return Optional.empty();
    }

    boolean isCodegenBranch(String branch) {
        return isCodegenBranch(codegenBranchPrefix, branch);
    }

    /**
     * The one rule for "a branch Codegen made", for the fix steps and automatic fixes alike.
     *
     * @param prefix e.g. {@code codegen}; empty when no branch is Codegen's
     * @param branch as a build names it ({@link BuildBranch#branch()}); {@code origin/} is ignored
     */
    public static boolean isCodegenBranch(String prefix, String branch) {
        String codegenPrefix = prefix == null ? "" : prefix.strip();
        if (codegenPrefix.isEmpty() || branch == null) {
            return false;
        }
        String name = CodeLocation.branchName(branch);
        if (!name.startsWith(codegenPrefix)) {
            return false;
        }
        // "codegen/run-1" and "codegen-fix" are Codegen's; "codegenerator" is not.
        String rest = name.substring(codegenPrefix.length());
        return rest.isEmpty() || codegenPrefix.endsWith("/") || "/-_".indexOf(rest.charAt(0)) >= 0;
    }
}

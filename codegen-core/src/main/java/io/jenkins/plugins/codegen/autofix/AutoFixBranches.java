package io.jenkins.plugins.codegen.autofix;

import io.jenkins.plugins.codegen.fix.BuildBranch;
import io.jenkins.plugins.codegen.fix.FixPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which failed builds get an automatic fix, by branch: only the branches the administrator names
 * (by default {@code main} and {@code master}), never a branch Codegen made (the same rule as the
 * fix steps', {@link FixPolicy#isCodegenBranch(String, String)}), and a pull-request build only when
 * pull requests are switched on and it merges into one of the named branches.
 *
 * @param patterns branch names or globs ({@link BranchPattern}); empty for the defaults
 * @param pullRequests whether pull-request builds are fixed at all
 * @param codegenBranchPrefix branches Codegen made start with it ({@link FixPolicy})
 */
public record AutoFixBranches(List<String> patterns, boolean pullRequests, String codegenBranchPrefix) {
    public static final List<String> DEFAULT_PATTERNS = List.of("main", "master");
    private static final String SKIPPED = "Codegen automatic fix skipped: ";

    public AutoFixBranches {
        patterns = patterns == null || patterns.isEmpty() ? DEFAULT_PATTERNS
                : patterns.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        if (patterns.isEmpty()) {
            patterns = DEFAULT_PATTERNS;
        }
        codegenBranchPrefix = Objects.requireNonNullElse(codegenBranchPrefix, "").strip();
    }

    public static AutoFixBranches defaults() {
        return new AutoFixBranches(DEFAULT_PATTERNS, false, FixPolicy.DEFAULT_CODEGEN_BRANCH_PREFIX);
    }

    /** The patterns as an administrator writes them: separated by commas, spaces or lines; empty for the defaults. */
    public static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_PATTERNS;
        }
        return Arrays.stream(text.split("[,\\s]+")).filter(p -> !p.isEmpty()).toList();
    }

    /** Why this build gets no automatic fix, as one line for its console; empty when it gets one. */
    public Optional<String> skipReason(BuildBranch build) {
        if (FixPolicy.isCodegenBranch(codegenBranchPrefix, build.branch())) {
            return Optional.of(SKIPPED + build.describe() + (build.isPullRequest() ? " comes from a branch" : " was")
                    + " made by Codegen (prefix '" + codegenBranchPrefix + "'), and a fix is never asked for a fix.");
        }
        if (build.isPullRequest()) {
            if (!pullRequests) {
                return Optional.of(SKIPPED + build.describe() + " is a pull-request build, and automatic fixes of "
                        + "pull requests are off.");
            }
            if (build.changeTarget() == null || !matches(build.changeTarget())) {
                return Optional.of(SKIPPED + build.describe() + " does not merge into " + named() + ".");
            }
            return Optional.empty();
        }
        if (!build.isKnown()) {
            return Optional.of(SKIPPED + "the build does not say which branch it built (no CHANGE_BRANCH, "
                    + "BRANCH_NAME or GIT_BRANCH), and automatic fixes run only on " + named() + ".");
        }
        if (!matches(build.branch())) {
            return Optional.of(SKIPPED + build.describe() + " is not one of " + named() + ".");
        }
        return Optional.empty();
    }

    private boolean matches(String branch) {
        return patterns.stream().map(BranchPattern::of).anyMatch(p -> p.matches(branch));
    }

    private String named() {
        return "the branches automatic fixes run on (" + String.join(", ", patterns) + ")";
    }
}

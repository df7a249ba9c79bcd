package io.jenkins.plugins.codegen.fix;

import java.util.Map;

/**
 * Which branch a build built, read the one way every fix reads it. A pull-request build of a
 * multibranch project names its source branch in {@code CHANGE_BRANCH} (its {@code BRANCH_NAME} is
 * {@code PR-12}, which is no branch), its number in {@code CHANGE_ID} and the branch it would merge
 * into in {@code CHANGE_TARGET}; a branch build names the branch in {@code BRANCH_NAME}; a plain
 * job with a Git checkout in {@code GIT_BRANCH}, as {@code origin/main}.
 *
 * @param branch the branch, without {@code origin/}; empty when the build does not say
 * @param changeId the pull request's number or id, or null for a branch build
 * @param changeTarget the branch the pull request merges into, or null
 */
public record BuildBranch(String branch, String changeId, String changeTarget) {

    public BuildBranch {
        branch = CodeLocation.branchName(branch);
        changeId = blankToNull(changeId);
        changeTarget = changeTarget == null ? null : blankToNull(CodeLocation.branchName(changeTarget));
    }

    /**
     * Reads the build's variables: {@code CHANGE_BRANCH}, then {@code BRANCH_NAME}, then
     * {@code GIT_BRANCH}.
     *
     * @param stepBranch the branch a fix step names itself, which wins; null or empty when it names none
     */
    public static BuildBranch of(String stepBranch, Map<String, String> environment) {
        String branch = firstGiven(stepBranch, environment.get("CHANGE_BRANCH"), environment.get("BRANCH_NAME"),
                environment.get("GIT_BRANCH"));
        return new BuildBranch(branch, environment.get("CHANGE_ID"), environment.get("CHANGE_TARGET"));
    }

    public boolean isPullRequest() {
        return changeId != null;
    }

    public boolean isKnown() {
        return !branch.isEmpty();
    }

    /** {@code branch main}, {@code pull request 12 (feature/login into main)}, for messages and prompts. */
    public String describe() {
        if (!isPullRequest()) {
            return isKnown() ? "branch " + branch : "an unnamed branch";
        }
        String from = isKnown() ? branch : "an unnamed branch";
        return "pull request " + changeId + " (" + from + (changeTarget == null ? "" : " into " + changeTarget) + ")";
    }

    private static String firstGiven(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

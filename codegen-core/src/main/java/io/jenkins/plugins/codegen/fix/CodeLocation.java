package io.jenkins.plugins.codegen.fix;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the failing code is: the repository as {@code owner/name}, the branch as the agent should
 * know it (without the {@code origin/} a checkout's {@code GIT_BRANCH} carries), and the commit.
 * A build of a pull request also knows the branch the pull request merges into ({@code targetBranch});
 * its {@code branch} is then the pull request's own branch (never a CI name such as {@code PR-12}).
 *
 * @param targetBranch the branch a pull request merges into; empty when the build is of no pull request
 */
public record CodeLocation(String repository, String branch, String commit, String targetBranch) {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,64}");
    private static final Pattern REMOTE_PREFIX = Pattern.compile("^(?:refs/heads/|refs/remotes/[^/]+/|remotes/[^/]+/|origin/)");
    private static final int SHORT_COMMIT = 7;

    public CodeLocation {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(commit, "commit");
        targetBranch = Objects.requireNonNullElse(targetBranch, "");
    }

    /** A location outside any pull request. */
    public CodeLocation(String repository, String branch, String commit) {
        this(repository, branch, commit, "");
    }

    /** The same location, in a pull request into {@code target} (as {@link #of} reads a branch). */
    public CodeLocation withTargetBranch(String target) {
        return new CodeLocation(repository, branch, commit, branchName(target));
    }

    /**
     * Reads where the code is from what a build knows.
     *
     * @param repository {@code owner/name} or a remote URL ({@code GIT_URL})
     * @param branch e.g. {@code main} or {@code origin/main} ({@code GIT_BRANCH}); may be empty
     * @param commit the full commit id ({@code GIT_COMMIT})
     * @throws CodegenException a {@code VALIDATION} failure naming each value that is missing or unusable
     */
    public static CodeLocation of(String repository, String branch, String commit) throws CodegenException {
        List<FieldError> errors = new ArrayList<>();
        String ownerAndName = GitRemote.ownerAndName(repository).orElse("");
        if (ownerAndName.isEmpty()) {
            errors.add(new FieldError("repository", repository == null || repository.isBlank() ? "is not given"
                    : "'" + repository + "' is no repository URL or owner/name",
                    "Give the repository as owner/name (acme/webapp) or as the URL the build cloned."));
        }
        String given = commit == null ? "" : commit.strip();
        String sha = given.toLowerCase(Locale.ROOT);
        if (!COMMIT.matcher(sha).matches()) {
            errors.add(new FieldError("commit", sha.isEmpty() ? "is not given" : "'" + given + "' is no commit id",
                    "Give the full commit id the build checked out (GIT_COMMIT in Jenkins, git rev-parse HEAD)."));
        }
        if (!errors.isEmpty()) {
            throw CodegenException.invalid(errors);
        }
        return new CodeLocation(ownerAndName, branchName(branch), sha);
    }

    /** {@code origin/feature/x} and {@code refs/heads/feature/x} are both branch {@code feature/x}. */
    static String branchName(String branch) {
        return branch == null ? "" : REMOTE_PREFIX.matcher(branch.strip()).replaceFirst("");
    }

    /** The commit as people quote it, e.g. {@code 3f2a9c0}. */
    public String shortCommit() {
        return commit.substring(0, Math.min(SHORT_COMMIT, commit.length()));
    }
}

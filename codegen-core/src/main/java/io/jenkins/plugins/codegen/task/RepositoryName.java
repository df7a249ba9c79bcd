package io.jenkins.plugins.codegen.task;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code owner/name} of a GitHub repository, read from the ways people write it:
 * {@code acme/webapp}, {@code https://github.com/acme/webapp} (or without the scheme), the same with
 * {@code .git} or a trailing slash, and the SSH form {@code git@github.com:acme/webapp.git}. Codegen works on GitHub
 * repositories only, so other hosts are not repositories here.
 */
public final class RepositoryName {
    /** GitHub's own rules: owners are letters, digits and hyphens (at most 39); names add '.' and '_'. */
    private static final String OWNER = "([A-Za-z0-9][A-Za-z0-9-]{0,38})";
    private static final String NAME = "([A-Za-z0-9._-]{1,100}?)";
    private static final String GITHUB =
            "(?:(?:https?://)?(?:www\\.)?github\\.com/|ssh://git@github\\.com/|git@github\\.com:)";
    private static final Pattern REPOSITORY = Pattern.compile(
            "(?:" + GITHUB + ")?" + OWNER + "/" + NAME + "(?:\\.git)?/?");

    private RepositoryName() {
    }

    /** {@code owner/name} for a repository written in one of the accepted forms; empty otherwise. */
    public static Optional<String> normalize(String repository) {
        if (repository == null) {
            return Optional.empty();
        }
        Matcher matcher = REPOSITORY.matcher(repository.trim());
        if (!matcher.matches() || matcher.group(2).matches("\\.{1,2}")) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1) + "/" + matcher.group(2));
    }
}

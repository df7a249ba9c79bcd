package io.jenkins.plugins.codegen.bridge;

/**
 * A pull request an agent run opened. Only the id is guaranteed by the API; the number is the last
 * path segment of the URL when that is numeric.
 */
public record PullRequest(Long id, String url, Integer number, String title, String branch) {
}

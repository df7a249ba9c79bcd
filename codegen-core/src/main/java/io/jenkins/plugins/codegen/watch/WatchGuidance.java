package io.jenkins.plugins.codegen.watch;

import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.SafeLinks;

/**
 * What to do, in the bridge's own words: the guidance codegen_bridge.py gives for a status read
 * ({@code _guidance_for}, {@code _follow}) and that exists only in Python. {@code WatchGuidanceDriftTest}
 * runs the bridge and the watcher on the same simulator scenarios and compares the texts, so the two
 * cannot drift apart. Where the bridge gives none, the error type's default guidance applies.
 */
final class WatchGuidance {
    static final String RUNS_PAGE_URL = SafeLinks.RUNS_PAGE_URL;
    static final String TOKEN_PAGE_URL = "https://codegen.com/token";

    private WatchGuidance() {
    }

    /** The bridge's guidance for an HTTP failure of a status read; null where it gives none. */
    static String forHttpStatus(int status, long orgId) {
        return switch (status) {
            case 401 -> ErrorType.AUTHENTICATION.defaultGuidance();
            case 403 -> "The token's user is not a member of organization " + orgId + ", or may not do this there. "
                    + "Check the organization id (" + TOKEN_PAGE_URL + " shows it).";
            case 404 -> "The agent run does not exist in organization " + orgId
                    + ". Check the run id and organization id.";
            case 402 -> "The plan's allowance of agent runs is used up. Upgrade the plan or wait until it renews.";
            default -> null;
        };
    }

    /** The run outlived the deadline. */
    static String timeout(String webUrl) {
        return "Raise the timeout, or follow the run at " + page(webUrl) + "; it may still finish.";
    }

    /** The run ended without success. */
    static String taskFailed(String webUrl) {
        return "Open " + page(webUrl) + " to see what the agent did; adjust the task and run again.";
    }

    /** The run's page when it is an http(s) link, the runs page otherwise. */
    static String page(String webUrl) {
        return SafeLinks.http(webUrl).orElse(RUNS_PAGE_URL);
    }
}

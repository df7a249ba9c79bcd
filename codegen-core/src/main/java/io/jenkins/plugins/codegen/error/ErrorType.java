package io.jenkins.plugins.codegen.error;

import java.util.Locale;

/**
 * What went wrong, in the terms a user can act on. Every failure of the engine carries one of
 * these; the Python bridge reports the same names ({@link #wireName()}) and exit codes.
 */
public enum ErrorType {
    AUTHENTICATION(10, false,
            "The Codegen API rejected the token. Check that the task's token (the Jenkins credential, or "
                    + "CODEGEN_TOKEN on the command line) is a current one from https://codegen.com/token and has not "
                    + "been revoked."),
    PERMISSION(11, false,
            "The token is valid but may not act in this organization. Check the organization id "
                    + "(https://codegen.com/token shows it) and that the token's user is a member."),
    QUOTA(12, false,
            "The plan's allowance of agent runs is used up (HTTP 402). Upgrade the plan or wait until the "
                    + "allowance renews; retrying will not help."),
    NOT_FOUND(13, false,
            "Codegen did not find what was asked for: the organization has no repositories set up "
                    + "(https://codegen.com/repos), or the agent run does not exist in this organization."),
    RATE_LIMIT(14, true,
            "The Codegen API limits requests (60 per 30 seconds, 10 new agent runs per minute). The request was "
                    + "retried after the wait the API asked for; run fewer tasks at once if this persists."),
    CONNECTION(15, true,
            "Could not reach the Codegen API. Check the API URL, the build agent's network access and its proxy "
                    + "settings (HTTPS_PROXY, NO_PROXY)."),
    TIMEOUT(16, true,
            "The Codegen API or the agent run did not answer in time. Raise the timeout, or open the agent run's "
                    + "page to see whether it is still working."),
    SERVER(17, true,
            "The Codegen API failed (HTTP 5xx). This is usually temporary; it was retried. If it persists, check "
                    + "https://status.codegen.com or try again later."),
    PYTHON(18, false,
            "The Python bridge could not run. Install Python 3.8 or newer on the build agent, or set the Python "
                    + "path to an interpreter that exists there."),
    IMPORT(19, false,
            "The official Codegen SDK could not be imported. Install it for the configured Python "
                    + "(python3 -m pip install codegen) or use the 'rest' backend, which needs no package."),
    VALIDATION(20, false,
            "The input is not valid. Correct the field named in the message and run again."),
    TASK_FAILED(21, false,
            "The agent run ended without success. Open the agent run's page to see what the agent did and why it "
                    + "stopped; adjust the task and run again."),
    UNKNOWN(22, false,
            "An unexpected error occurred. Run again with debug logging on and report the console output "
                    + "(it never contains the token)."),
    ABORTED(23, false,
            "The task was aborted. An agent run that was already started may still be working: open its page to "
                    + "follow or stop it."),
    /** Only the engine reports it: the machine (build agent, container) that ran the bridge went away. */
    BRIDGE_LOST(24, false,
            "The machine that ran the bridge (the build agent or its container) was lost while the task ran. "
                    + "An agent run that was already started may still be working: open its page to follow it, and "
                    + "check the agent's connection before running again."),
    /** A proxy between here and the API asked for a user and password (HTTP 407) and did not get ones it takes. */
    PROXY(25, false,
            "A proxy between here and the Codegen API asked for a user and password (HTTP 407) and refused the ones "
                    + "sent, or none were set. In Jenkins, check the user and password of the proxy in Manage Jenkins "
                    + "» System » HTTP Proxy Configuration; on the command line, give them in HTTPS_PROXY (and "
                    + "HTTP_PROXY) as http://user:password@proxy:port, with special characters URL-encoded."),
    /**
     * Only the engine reports it: a budget of agent runs that a Jenkins administrator set (global, a
     * folder's, a job's) is used up, so nothing was created.
     */
    BUDGET(26, false,
            "A budget of agent runs that a Jenkins administrator set (for the whole Jenkins, a folder or a job, per "
                    + "hour or per day) is used up, so no agent run was created. Wait until the time the message "
                    + "names, or ask an administrator to raise that budget; running again sooner will not help."),
    /**
     * Only Jenkins reports it: a setting that an administrator made for a folder, a job or the whole
     * Jenkins names something that is not there (a deleted credential), so nothing was sent.
     */
    CONFIGURATION(27, false,
            "A Codegen setting that a Jenkins administrator made (in a folder, a job or the global configuration) "
                    + "names something that does not exist any more, such as a deleted credential. Nothing was sent. "
                    + "Correct the setting the message names, or ask whoever configures that folder or job to.");

    private final int exitCode;
    private final boolean retryableByDefault;
    private final String guidance;

    ErrorType(int exitCode, boolean retryableByDefault, String guidance) {
        this.exitCode = exitCode;
        this.retryableByDefault = retryableByDefault;
        this.guidance = guidance;
    }

    /** The name used on the bridge protocol and in JSON output, e.g. {@code rate_limit}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The exit code the Python bridge uses for this outcome. */
    public int exitCode() {
        return exitCode;
    }

    /** Whether a failure of this type is worth another attempt unless the failure itself says otherwise. */
    public boolean isRetryableByDefault() {
        return retryableByDefault;
    }

    /** What the user should do, in general; a failure may carry more specific guidance. */
    public String defaultGuidance() {
        return guidance;
    }

    /** Reads a wire name; anything unrecognised is {@link #UNKNOWN}, so a newer bridge never breaks us. */
    public static ErrorType fromWireName(String name) {
        if (name != null) {
            for (ErrorType type : values()) {
                if (type.wireName().equalsIgnoreCase(name.trim())) {
                    return type;
                }
            }
        }
        return UNKNOWN;
    }

    /** The type whose bridge exit code this is, or {@link #UNKNOWN}. */
    public static ErrorType fromExitCode(int code) {
        for (ErrorType type : values()) {
            if (type.exitCode == code) {
                return type;
            }
        }
        return UNKNOWN;
    }
}

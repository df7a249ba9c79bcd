package io.jenkins.plugins.codegen.cli;

import io.jenkins.plugins.codegen.error.ErrorType;

/**
 * The process exit codes of {@code codegen}. They group error types by who has to act, so that a
 * script can tell "the agent failed" from "fix the configuration" from "try again later" without
 * parsing output. The help footer lists them; {@code docs/cli.md} has the same table.
 */
enum ExitStatus {
    SUCCESS(0, "success; for run, wait and resume, the agent run completed, with or without a pull request"),
    TASK_FAILED(1, "the agent run failed (task_failed)"),
    INVALID_INPUT(2, "invalid input or usage: options, files, task, settings; nothing was sent"),
    CONFIGURATION(3, "authentication, permission, quota or proxy: fix the token, organization or proxy settings"),
    API_FAILURE(4, "the Codegen API or the network failed after retries (connection, timeout, server, "
            + "rate_limit, not_found, unknown)"),
    LOCAL_SETUP(5, "Python or the Codegen SDK could not run on this machine, or the bridge process was lost "
            + "(python, import, bridge_lost)"),
    /** 128 + SIGINT, as shells report an interrupted program. */
    ABORTED(130, "aborted (Ctrl-C); an agent run that was started may still be working");

    private final int code;
    private final String description;

    ExitStatus(int code, String description) {
        this.code = code;
        this.description = description;
    }

    int code() {
        return code;
    }

    String description() {
        return description;
    }

    /** Exhaustive on purpose: a new error type does not compile until it has an exit code. */
    static ExitStatus of(ErrorType type) {
        return switch (type) {
            case TASK_FAILED -> TASK_FAILED;
            case VALIDATION -> INVALID_INPUT;
            case AUTHENTICATION, PERMISSION, QUOTA, PROXY -> CONFIGURATION;
            // The command line applies no Jenkins budgets; were one ever refused, it is a used-up allowance.
            case BUDGET -> CONFIGURATION;
            // Folder and job settings are Jenkins' only; were one ever reported here, it is the configuration's.
            case CONFIGURATION -> CONFIGURATION;
            case CONNECTION, TIMEOUT, SERVER, RATE_LIMIT, NOT_FOUND, UNKNOWN -> API_FAILURE;
            case PYTHON, IMPORT, BRIDGE_LOST -> LOCAL_SETUP;
            case ABORTED -> ABORTED;
        };
    }
}

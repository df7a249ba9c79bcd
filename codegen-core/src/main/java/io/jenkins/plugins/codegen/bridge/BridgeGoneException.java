package io.jenkins.plugins.codegen.bridge;

import io.jenkins.plugins.codegen.error.CodegenException;
import java.util.Objects;

/**
 * {@link PythonBridge#reattach} found no bridge to follow: its folder is gone (the agent's disk was
 * wiped) or its process died without a result (the agent rebooted, the process was killed). Unlike
 * a failure the bridge reported, this says nothing about the agent run: a caller that knows the
 * run follows it with a new bridge in attach mode ({@code resume_run_id}), which never creates one.
 */
public final class BridgeGoneException extends Exception {
    private static final long serialVersionUID = 1L;
    private final CodegenException reason;

    BridgeGoneException(CodegenException reason) {
        super(reason.getMessage(), reason);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the bridge counts as gone, typed as the engine reports it. */
    public CodegenException reason() {
        return reason;
    }
}

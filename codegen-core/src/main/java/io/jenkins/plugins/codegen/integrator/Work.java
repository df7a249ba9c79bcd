package io.jenkins.plugins.codegen.integrator;

import io.jenkins.plugins.codegen.bridge.BridgeRequest;
import io.jenkins.plugins.codegen.error.CodegenException;

/** What one call of the engine sends: a task (its prompt is built first) or a follow-up, and how its result names it. */
abstract class Work {
    TaskResults.Subject subject;
    final boolean lookFirst;
    final FollowUp followUp;

    Work(TaskResults.Subject subject, boolean lookFirst, FollowUp followUp) {
        this.subject = subject;
        this.lookFirst = lookFirst;
        this.followUp = followUp;
    }

    /** Validates (and reports) what is to be sent; sends nothing and starts nothing. */
    abstract Request prepare() throws CodegenException;

    /** The bridge request, once the connection is known. */
    interface Request {
        BridgeRequest build(Connections.Connection connection) throws CodegenException;
    }
}

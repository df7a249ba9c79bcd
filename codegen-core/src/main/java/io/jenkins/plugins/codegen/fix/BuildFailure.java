package io.jenkins.plugins.codegen.fix;

import java.util.Objects;

/**
 * A failed build, as a fix needs to know it.
 *
 * @param job the job's full name, e.g. {@code acme/webapp/main}; part of the fix's identity
 * @param buildUrl the failed build's page; empty when there is none (another CI system)
 * @param location the repository, branch and commit that failed
 * @param evidence the redacted log excerpt and failed tests
 * @param workspace the build's workspace path, stripped from the log for the signature; empty when unknown
 */
public record BuildFailure(String job, String buildUrl, CodeLocation location, FailureEvidence evidence,
                           String workspace) {

    public BuildFailure {
        job = Objects.requireNonNullElse(job, "").strip();
        buildUrl = Objects.requireNonNullElse(buildUrl, "").strip();
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(evidence, "evidence");
        workspace = Objects.requireNonNullElse(workspace, "");
    }

    /** The job's name, or for a build that has none (another CI system), the repository's. */
    public String jobOrRepository() {
        return job.isEmpty() ? location.repository() : job;
    }

    public FailureSignature signature() {
        return FailureSignature.of(evidence, workspace);
    }
}

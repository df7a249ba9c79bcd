package io.jenkins.plugins.codegen.bridge;

/** What a health check found: whose token it is and which organization it may use. */
public record HealthReport(String user, long organizationId, String organizationName) {
}

package io.jenkins.plugins.codegen.health;

/** The engine's overall state, as a dashboard shows it. */
public enum HealthStatus {
    /** Everything observed works. */
    HEALTHY,
    /** It works, but recent tasks failed more than usual or the API is rate limiting. */
    DEGRADED,
    /** The API or the bridge cannot be used as configured. */
    UNHEALTHY
}

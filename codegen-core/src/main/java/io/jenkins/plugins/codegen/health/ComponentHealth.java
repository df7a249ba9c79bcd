package io.jenkins.plugins.codegen.health;

/**
 * One component's state.
 *
 * @param status {@code up}, {@code down} or {@code unknown} (nothing observed yet)
 * @param detail what was last observed, for a person
 */
public record ComponentHealth(String status, String detail) {
    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final String UNKNOWN = "unknown";

    public boolean isDown() {
        return DOWN.equals(status);
    }
}

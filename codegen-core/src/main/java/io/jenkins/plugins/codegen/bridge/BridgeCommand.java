package io.jenkins.plugins.codegen.bridge;

import java.util.Locale;

/** What the bridge is asked to do. */
public enum BridgeCommand {
    /** Create an agent run (or adopt one) and follow it to its end. */
    RUN,
    /** One look at an existing agent run. */
    STATUS,
    /** One cheap authenticated call: is the token good, and a member of the organization? */
    HEALTH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

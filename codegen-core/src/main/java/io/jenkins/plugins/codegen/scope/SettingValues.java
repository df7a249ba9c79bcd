package io.jenkins.plugins.codegen.scope;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import java.time.Duration;

/**
 * The values one layer (the step, the job, a folder, the global configuration) sets; null where
 * it leaves the value to the layers below it. An empty credential id counts as not set.
 */
public record SettingValues(String credentialsId, Long orgId, OptimizationLevel optimizationLevel, Backend backend,
                            Duration timeout, Boolean mock) {
    private static final SettingValues NONE = new SettingValues(null, null, null, null, null, null);

    public SettingValues {
        if (credentialsId != null && credentialsId.isBlank()) {
            credentialsId = null;
        } else if (credentialsId != null) {
            credentialsId = credentialsId.strip();
        }
    }

    /** A layer that sets nothing. */
    public static SettingValues none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a layer's values; whatever is not set stays null. */
    public static final class Builder {
        private String credentialsId;
        private Long orgId;
        private OptimizationLevel optimizationLevel;
        private Backend backend;
        private Duration timeout;
        private Boolean mock;

        public Builder credentialsId(String value) {
            credentialsId = value;
            return this;
        }

        public Builder orgId(Long value) {
            orgId = value;
            return this;
        }

        public Builder optimizationLevel(OptimizationLevel value) {
            optimizationLevel = value;
            return this;
        }

        public Builder backend(Backend value) {
            backend = value;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Builder mock(Boolean value) {
            mock = value;
            return this;
        }

        public SettingValues build() {
            return new SettingValues(credentialsId, orgId, optimizationLevel, backend, timeout, mock);
        }
    }
}

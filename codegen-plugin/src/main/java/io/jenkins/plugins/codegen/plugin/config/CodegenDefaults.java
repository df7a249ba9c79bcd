package io.jenkins.plugins.codegen.plugin.config;

import io.jenkins.plugins.codegen.settings.CodegenSettings;

/**
 * The engine's defaults, which are the global configuration's defaults: the options the page starts
 * with, and what a blank field there means. Apart from the configuration so that its form checks
 * ({@code CodegenGlobalForm}) and the connection test read them without reaching back up to it.
 */
final class CodegenDefaults {
    static final CodegenSettings DEFAULTS = CodegenSettings.builder().build();

    static final String DEFAULT_API_URL = DEFAULTS.apiUrl();
    static final int DEFAULT_TIMEOUT_MINUTES = (int) DEFAULTS.timeout().toMinutes();
    static final int DEFAULT_MAX_RETRIES = DEFAULTS.maxRetries();
    static final int DEFAULT_BASE_DELAY_SECONDS = (int) DEFAULTS.baseDelay().toSeconds();
    static final double DEFAULT_BACKOFF_MULTIPLIER = DEFAULTS.backoffMultiplier();
    static final String DEFAULT_OPTIMIZATION_LEVEL = DEFAULTS.optimizationLevel().wireName();
    static final int DEFAULT_MAX_PROMPT_LENGTH = DEFAULTS.maxPromptLength();
    static final boolean DEFAULT_INCLUDE_EXAMPLES = DEFAULTS.includeExamples();
    static final int DEFAULT_POLL_INTERVAL_SECONDS = (int) DEFAULTS.pollInterval().toSeconds();
    static final String DEFAULT_BACKEND = DEFAULTS.backend().wireName();

    private CodegenDefaults() {
    }
}

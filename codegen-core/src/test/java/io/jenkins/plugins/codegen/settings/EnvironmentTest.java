package io.jenkins.plugins.codegen.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @ParameterizedTest
    @CsvSource({"production, PRODUCTION", "PRODUCTION, PRODUCTION", "Staging, STAGING", "' development ', DEVELOPMENT",
            "test, TEST"})
    void readsNamesInAnyCase(String name, Environment expected) {
        assertThat(Environment.parse(name)).contains(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "prod", "dev", "qa"})
    void refusesOtherNames(String name) {
        assertThat(Environment.parse(name)).isEmpty();
    }

    @Test
    void namesAllEnvironmentsForMessages() {
        assertThat(Environment.names()).isEqualTo("development, staging, production, test");
    }

    /** The table in the class description, row by row. */
    @ParameterizedTest
    @CsvSource({
            "PRODUCTION,  false, false, 30m, 3, 1s",
            "STAGING,     false, true,  30m, 3, 1s",
            "DEVELOPMENT, true,  true,  10m, 3, 1s",
            "TEST,        true,  false, 2m,  1, 100ms"})
    void eachEnvironmentHasItsDefaults(Environment environment, boolean mock, boolean debugLogging, String timeout,
            int maxRetries, String baseDelay) {
        CodegenSettings settings = CodegenSettings.builder(environment).build();

        assertThat(settings.environment()).isEqualTo(environment);
        assertThat(settings.mock()).isEqualTo(mock);
        assertThat(settings.debugLogging()).isEqualTo(debugLogging);
        assertThat(settings.timeout()).isEqualTo(DurationText.parse(timeout).orElseThrow());
        assertThat(settings.maxRetries()).isEqualTo(maxRetries);
        assertThat(settings.baseDelay()).isEqualTo(DurationText.parse(baseDelay).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PRODUCTION", "STAGING", "DEVELOPMENT", "TEST"})
    void otherOptionsAreTheSameEverywhere(Environment environment) {
        CodegenSettings settings = CodegenSettings.builder(environment).build();
        CodegenSettings production = CodegenSettings.builder().build();

        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.sanitized()).usingRecursiveComparison()
                .ignoringFields("mock", "debugLogging", "timeout", "maxRetries", "baseDelay", "environment")
                .isEqualTo(production.sanitized());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEVELOPMENT", "TEST"})
    void mockEnvironmentsAreValidWithoutTokenOrOrganization(Environment environment) {
        assertThat(CodegenSettings.builder(environment).build().validate()).isEmpty();
    }
}

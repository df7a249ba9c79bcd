package io.jenkins.plugins.codegen.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.FieldError;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsValidationTest {

    /** Settings that break no rule, to break one at a time. */
    private static CodegenSettings.Builder valid() {
        return CodegenSettings.builder().token("tok-1").orgId(323L);
    }

    private static Arguments rule(UnaryOperator<CodegenSettings.Builder> change, String field, String problem) {
        return Arguments.of(change, field, problem);
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                rule(b -> b.token(null), "token", "is not set"),
                rule(b -> b.token("   "), "token", "is blank"),
                rule(b -> b.token("tok-1\n"), "token", "ends with a line break, as a pasted token often does"),
                rule(b -> b.token("tok-1\r\n"), "token", "ends with a line break, as a pasted token often does"),
                rule(b -> b.token("tok\n-1"), "token", "contains a line break"),
                rule(b -> b.token("tok -1"), "token", "contains whitespace"),
                rule(b -> b.token("\ttok-1"), "token", "contains whitespace"),
                rule(b -> b.orgId(null), "orgId", "is not set"),
                rule(b -> b.orgId(0L), "orgId", "is 0; it must be a positive number"),
                rule(b -> b.orgId(-5L), "orgId", "is -5; it must be a positive number"),
                rule(b -> b.apiUrl(""), "apiUrl", "is empty"),
                rule(b -> b.apiUrl("ftp://x"), "apiUrl", "is not an http or https URL"),
                rule(b -> b.apiUrl("javascript:alert(1)"), "apiUrl", "is not an http or https URL"),
                rule(b -> b.apiUrl("file:///etc/passwd"), "apiUrl", "is not an http or https URL"),
                rule(b -> b.apiUrl("api.codegen.com"), "apiUrl", "has no scheme; it must start with https:// or http://"),
                rule(b -> b.apiUrl("https://api codegen.com"), "apiUrl", "is not a valid URL"),
                rule(b -> b.apiUrl("https:///v1"), "apiUrl", "has no host name"),
                rule(b -> b.apiUrl("https://bot:pw@api.codegen.com"), "apiUrl", "contains a user name or password"),
                rule(b -> b.pythonPath(" "), "pythonPath", "is empty"),
                rule(b -> b.timeout(Duration.ZERO), "timeout", "is 0s; it must be longer than zero"),
                rule(b -> b.timeout(Duration.ofMinutes(-1)), "timeout", "is -1m; it must be longer than zero"),
                rule(b -> b.timeout(Duration.ofHours(25)), "timeout", "is 25h; at most 24h is allowed"),
                rule(b -> b.requestTimeout(Duration.ZERO), "requestTimeout", "is 0s; it must be longer than zero"),
                rule(b -> b.maxRetries(-1), "maxRetries", "is -1; it cannot be negative"),
                rule(b -> b.baseDelay(Duration.ZERO), "baseDelay", "is not longer than zero"),
                rule(b -> b.backoffMultiplier(0.9), "backoffMultiplier", "is 0.9; it must be at least 1"),
                rule(b -> b.maxDelay(Duration.ofMillis(10)), "maxDelay", "is shorter than baseDelay"),
                rule(b -> b.maxPromptLength(199), "maxPromptLength", "is 199; it must be from 200 to 100,000 characters"),
                rule(b -> b.maxPromptLength(100_001), "maxPromptLength",
                        "is 100,001; it must be from 200 to 100,000 characters"),
                rule(b -> b.mock(true).mockScenario(""), "mockScenario", "is empty"),
                rule(b -> b.pollInterval(Duration.ofMillis(999)), "pollInterval", "is 999ms; it must be at least 1s"),
                rule(b -> b.maxPollInterval(Duration.ofSeconds(4)), "maxPollInterval",
                        "is 4s, shorter than pollInterval (5s)"),
                rule(b -> b.maxConcurrentBridges(0), "maxConcurrentBridges", "is 0; it must be at least 1"),
                rule(b -> b.timeScale(0), "timeScale", "is 0.0; it must be a number greater than zero"),
                rule(b -> b.timeScale(-2), "timeScale", "is -2.0; it must be a number greater than zero"),
                rule(b -> b.timeScale(Double.NaN), "timeScale", "is NaN; it must be a number greater than zero"),
                rule(b -> b.timeScale(Double.POSITIVE_INFINITY), "timeScale",
                        "is Infinity; it must be a number greater than zero"));
    }

    @ParameterizedTest
    @MethodSource("brokenRules")
    void eachBrokenRuleIsReportedOnItsField(UnaryOperator<CodegenSettings.Builder> change, String field,
            String problem) {
        assertThat(change.apply(valid()).build().validate()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.problem()).isEqualTo(problem);
            assertThat(error.remedy()).isNotBlank().endsWith(".");
        });
    }

    @Test
    void validSettingsHaveNoErrors() {
        assertThat(valid().build().validate()).isEmpty();
    }

    @Test
    void theLimitsThemselvesAreAllowed() {
        CodegenSettings atTheLimits = valid().timeout(Duration.ofHours(24)).requestTimeout(Duration.ofHours(24)
                .minusMillis(1)).maxRetries(0).maxPromptLength(200).pollInterval(Duration.ofSeconds(1))
                .maxPollInterval(Duration.ofSeconds(1)).maxConcurrentBridges(1).timeScale(Double.MIN_VALUE)
                .apiUrl("http://localhost:8080").build();

        assertThat(atTheLimits.validate()).isEmpty();
        assertThat(valid().maxPromptLength(100_000).build().validate()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.codegen.com", "http://127.0.0.1:18080", "HTTPS://API.CODEGEN.COM/v1/",
            "https://codegen.internal.example:8443/api"})
    void httpAndHttpsUrlsWithAHostAreAllowed(String url) {
        assertThat(valid().apiUrl(url).build().validate()).isEmpty();
    }

    @Test
    void aMissingTokenSaysWhereToPutOne() {
        FieldError error = valid().token(null).build().validate().get(0);

        assertThat(error.remedy()).contains("Secret text credential", "CODEGEN_TOKEN", "https://codegen.com/token");
    }

    @Test
    void aMissingOrganizationSaysWhereToFindIt() {
        FieldError error = valid().orgId(null).build().validate().get(0);

        assertThat(error.remedy()).contains("https://codegen.com/token", "CODEGEN_ORG_ID");
    }

    @Test
    void mockModeNeedsNeitherTokenNorOrganization() {
        assertThat(CodegenSettings.builder().mock(true).build().validate()).isEmpty();
    }

    @Test
    void aMalformedTokenIsReportedEvenInMockMode() {
        assertThat(CodegenSettings.builder().mock(true).token("tok-1\n").build().validate())
                .extracting(FieldError::field).containsExactly("token");
    }

    @Test
    void aBlankScenarioDoesNotMatterWithoutMock() {
        assertThat(valid().mockScenario("").build().validate()).isEmpty();
    }

    @Test
    void theRequestTimeoutIsComparedOnlyWithAUsableTimeout() {
        assertThat(valid().timeout(Duration.ZERO).build().validate()).extracting(FieldError::field)
                .containsExactly("timeout");
    }

    @Test
    void everyProblemIsReportedAtOnceInTheOrderOfTheOptions() {
        CodegenSettings settings = CodegenSettings.builder().apiUrl("ftp://x").pythonPath("").timeout(Duration.ZERO)
                .requestTimeout(Duration.ZERO).maxRetries(-1).maxPromptLength(0).pollInterval(Duration.ZERO)
                .maxConcurrentBridges(0).timeScale(0).build();

        assertThat(settings.validate()).extracting(FieldError::field).containsExactly("token", "orgId", "apiUrl",
                "pythonPath", "timeout", "requestTimeout", "maxRetries", "maxPromptLength", "pollInterval",
                "maxConcurrentBridges", "timeScale");
    }

    @Test
    void requireValidThrowsAValidationFailureListingEveryProblem() {
        CodegenSettings settings = CodegenSettings.builder().timeout(Duration.ofHours(48)).build();

        CodegenException thrown = catchThrowableOfType(CodegenException.class, settings::requireValid);

        assertThat(thrown.getErrorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(thrown.isRetryable()).isFalse();
        assertThat(thrown.getFieldErrors()).isEqualTo(settings.validate()).hasSize(3);
        assertThat(thrown.getMessage()).contains("token: is not set", "orgId: is not set",
                "timeout: is 48h; at most 24h is allowed");
    }

    @Test
    void requireValidReturnsValidSettings() throws CodegenException {
        CodegenSettings settings = valid().build();

        assertThat(settings.requireValid()).isSameAs(settings);
    }
}

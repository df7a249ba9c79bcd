package io.jenkins.plugins.codegen.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.FieldError;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FromEnvironmentTest {

    private static CodegenSettings read(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return CodegenSettings.fromEnvironment(env).build();
    }

    @Test
    void noVariablesGiveTheProductionDefaults() {
        assertThat(read()).isEqualTo(CodegenSettings.builder().build());
    }

    @Test
    void everyVariableOverridesItsOption() {
        CodegenSettings settings = read("CODEGEN_TOKEN", "tok-1", "CODEGEN_ORG_ID", "323", "CODEGEN_API_URL",
                "https://codegen.example", "PYTHON_PATH", "/opt/python/bin/python3", "CODEGEN_TIMEOUT", "45m",
                "CODEGEN_ENABLE_MOCK", "true", "CODEGEN_BACKEND", "sdk");

        assertThat(settings.token()).contains("tok-1");
        assertThat(settings.orgId()).contains(323L);
        assertThat(settings.apiUrl()).isEqualTo("https://codegen.example");
        assertThat(settings.pythonPath()).isEqualTo("/opt/python/bin/python3");
        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(settings.mock()).isTrue();
        assertThat(settings.backend()).isEqualTo(Backend.SDK);
        assertThat(settings.validate()).isEmpty();
    }

    @Test
    void theEnvironmentPicksTheDefaultsBeforeTheOtherVariablesApply() {
        CodegenSettings settings = read("CODEGEN_ENVIRONMENT", "test", "CODEGEN_TIMEOUT", "90s",
                "CODEGEN_ENABLE_MOCK", "off");

        assertThat(settings.environment()).isEqualTo(Environment.TEST);
        assertThat(settings.maxRetries()).as("a TEST default").isEqualTo(1);
        assertThat(settings.timeout()).as("overridden").isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.mock()).as("overridden").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1800000, PT30M", "90000, PT1M30S", "90s, PT1M30S", "30m, PT30M", "2h, PT2H", "500ms, PT0.5S"})
    void theTimeoutIsMillisecondsOrANumberWithAUnit(String value, Duration expected) {
        assertThat(read("CODEGEN_TIMEOUT", value).timeout()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "1, true", "yes, true", "Yes, true", "on, true", "ON, true",
            "false, false", "False, false", "0, false", "no, false", "NO, false", "off, false", "Off, false"})
    void mockAcceptsTheUsualWaysOfSayingYesOrNo(String value, boolean expected) {
        CodegenSettings settings = CodegenSettings.fromEnvironment(Map.of("CODEGEN_ENABLE_MOCK", value))
                .mock(!expected).build();
        assertThat(settings.mock()).isEqualTo(!expected);

        assertThat(read("CODEGEN_ENABLE_MOCK", value).mock()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"rest, REST", "SDK, SDK", "Auto, AUTO"})
    void theBackendIsReadInAnyCase(String value, Backend expected) {
        assertThat(read("CODEGEN_BACKEND", value).backend()).isEqualTo(expected);
    }

    @Test
    void valuesAreTrimmedButTheTokenIsTakenAsItIs() {
        CodegenSettings settings = read("CODEGEN_ORG_ID", " 323 ", "CODEGEN_API_URL", " https://codegen.example\n",
                "CODEGEN_TOKEN", "tok-1\n");

        assertThat(settings.orgId()).contains(323L);
        assertThat(settings.apiUrl()).isEqualTo("https://codegen.example");
        assertThat(settings.token()).contains("tok-1\n");
        assertThat(settings.validate()).extracting(FieldError::field).containsExactly("token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CODEGEN_ENVIRONMENT", "CODEGEN_TOKEN", "CODEGEN_ORG_ID", "CODEGEN_API_URL", "PYTHON_PATH",
            "CODEGEN_TIMEOUT", "CODEGEN_ENABLE_MOCK", "CODEGEN_BACKEND"})
    void anEmptyVariableCountsAsUnset(String variable) {
        assertThat(read(variable, "")).isEqualTo(CodegenSettings.builder().build());
        assertThat(read(variable, variable.equals("CODEGEN_TOKEN") ? "" : "   "))
                .isEqualTo(CodegenSettings.builder().build());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CODEGEN_ORG_ID      | acme  | is 'acme', not a number"
                    + " | Set it to the numeric organization id shown at https://codegen.com/token.",
            "CODEGEN_ORG_ID      | 12.5  | is '12.5', not a number"
                    + " | Set it to the numeric organization id shown at https://codegen.com/token.",
            "CODEGEN_TIMEOUT     | soon  | is 'soon', not a duration"
                    + " | Write a number of milliseconds (1800000), or a number with a unit: 90s, 30m, 1h.",
            "CODEGEN_TIMEOUT     | -5s   | is '-5s', not a duration"
                    + " | Write a number of milliseconds (1800000), or a number with a unit: 90s, 30m, 1h.",
            "CODEGEN_ENABLE_MOCK | maybe | is 'maybe', not true or false"
                    + " | Use true or false (1/0, yes/no and on/off work too).",
            "CODEGEN_BACKEND     | grpc  | is 'grpc', not a backend | Use one of rest, sdk, auto.",
            "CODEGEN_ENVIRONMENT | prod  | is 'prod', not an environment"
                    + " | Use one of development, staging, production, test."})
    void aMalformedValueIsReportedUnderItsVariable(String variable, String value, String problem, String remedy) {
        CodegenSettings settings = read("CODEGEN_TOKEN", "tok-1", "CODEGEN_ORG_ID", "323", variable, value);

        assertThat(settings.validate()).first().isEqualTo(new FieldError(variable, problem, remedy));
        CodegenException thrown = catchThrowableOfType(CodegenException.class, settings::requireValid);
        assertThat(thrown.getErrorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(thrown.getMessage()).contains(variable + ": " + problem);
    }

    @Test
    void anOrganizationIdThatDoesNotReadIsAlsoMissing() {
        assertThat(read("CODEGEN_TOKEN", "tok-1", "CODEGEN_ORG_ID", "acme").validate()).extracting(FieldError::field)
                .containsExactly("CODEGEN_ORG_ID", "orgId");
    }

    @Test
    void aMalformedEnvironmentFallsBackToProductionDefaults() {
        CodegenSettings settings = read("CODEGEN_ENVIRONMENT", "qa");

        assertThat(settings.environment()).isEqualTo(Environment.PRODUCTION);
        assertThat(settings.validate()).first().extracting(FieldError::field).isEqualTo("CODEGEN_ENVIRONMENT");
    }

    @Test
    void aMalformedValueLeavesTheDefaultInPlace() {
        assertThat(read("CODEGEN_TIMEOUT", "soon").timeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void everyMalformedValueIsReportedAtOnceBeforeOtherProblems() {
        CodegenSettings settings = read("CODEGEN_ENVIRONMENT", "qa", "CODEGEN_ORG_ID", "acme", "CODEGEN_TIMEOUT", "soon",
                "CODEGEN_ENABLE_MOCK", "maybe", "CODEGEN_BACKEND", "grpc");

        assertThat(settings.validate()).extracting(FieldError::field).containsExactly("CODEGEN_ENVIRONMENT",
                "CODEGEN_ORG_ID", "CODEGEN_TIMEOUT", "CODEGEN_ENABLE_MOCK", "CODEGEN_BACKEND", "token", "orgId");
    }

    @Test
    void aMalformedValueIsStillReportedAfterTheOptionIsSetAgain() {
        CodegenSettings settings = CodegenSettings.fromEnvironment(Map.of("CODEGEN_ORG_ID", "acme")).orgId(323L)
                .token("tok-1").build();

        assertThat(settings.validate()).extracting(FieldError::field).containsExactly("CODEGEN_ORG_ID");
        assertThat(settings.toBuilder().build().validate()).hasSize(1);
    }

    @Test
    void aLongMalformedValueIsNotQuoted() {
        String pasted = "x".repeat(17);

        assertThat(read("CODEGEN_ORG_ID", pasted).validate()).first().extracting(FieldError::problem)
                .isEqualTo("is a 17-character value, not a number");
    }

    @Test
    void aMalformedValueWithControlCharactersIsNotQuoted() {
        assertThat(read("CODEGEN_BACKEND", "re\u001bst").validate()).first().extracting(FieldError::problem)
                .isEqualTo("is a 5-character value, not a backend");
    }
}

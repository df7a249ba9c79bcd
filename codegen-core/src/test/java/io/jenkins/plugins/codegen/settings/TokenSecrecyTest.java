package io.jenkins.plugins.codegen.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The token must not leak, not even in part, through anything the settings print, valid or not. */
class TokenSecrecyTest {
    /** Shaped like a Codegen API token. */
    private static final String TOKEN = "sk-4b1f0c2e-7d3a-4e59-SECRET-9a7d3e5f6a7b";

    static Stream<CodegenSettings> settingsHoldingTheToken() {
        return Stream.of(
                CodegenSettings.builder().token(TOKEN).orgId(1L).build(),
                CodegenSettings.builder().token(TOKEN + "\n").build(),
                CodegenSettings.builder().token(TOKEN + "\r\n").orgId(-1L).build(),
                CodegenSettings.builder().token(TOKEN.substring(0, 20) + "\n" + TOKEN.substring(20)).build(),
                CodegenSettings.builder().token(" " + TOKEN + " ").mock(true).build(),
                CodegenSettings.builder().token(TOKEN).apiUrl("https://bot:" + TOKEN + "@api.codegen.com").build(),
                CodegenSettings.fromEnvironment(Map.of("CODEGEN_TOKEN", TOKEN + "\n")).build(),
                // A token pasted into the wrong variable is not quoted back either.
                CodegenSettings.fromEnvironment(Map.of("CODEGEN_ORG_ID", TOKEN, "CODEGEN_TIMEOUT", TOKEN,
                        "CODEGEN_BACKEND", TOKEN, "CODEGEN_ENABLE_MOCK", TOKEN, "CODEGEN_ENVIRONMENT", TOKEN)).build());
    }

    /** Fails if the text holds any 8 characters in a row of the token. */
    private static void assertNoPartOfTheToken(String text) {
        IntStream.rangeClosed(0, TOKEN.length() - 8).mapToObj(i -> TOKEN.substring(i, i + 8))
                .forEach(part -> assertThat(text).doesNotContain(part));
    }

    @ParameterizedTest
    @MethodSource("settingsHoldingTheToken")
    void neitherToStringNorTheSanitizedViewShowsIt(CodegenSettings settings) {
        assertNoPartOfTheToken(settings.toString());
        assertNoPartOfTheToken(settings.sanitized().toString());
        assertThat(settings.sanitized().get("token")).isEqualTo(settings.token().isPresent() ? "****" : null);
    }

    @ParameterizedTest
    @MethodSource("settingsHoldingTheToken")
    void noValidationMessageShowsIt(CodegenSettings settings) {
        settings.validate().forEach(error -> assertNoPartOfTheToken(error.toString()));
    }

    @ParameterizedTest
    @MethodSource("settingsHoldingTheToken")
    void theValidationFailureDoesNotShowIt(CodegenSettings settings) {
        CodegenException thrown = catchThrowableOfType(CodegenException.class, settings::requireValid);

        if (thrown != null) {
            assertNoPartOfTheToken(thrown.getMessage());
            assertNoPartOfTheToken(thrown.getGuidance());
            assertNoPartOfTheToken(thrown.describe());
        }
    }
}

package io.jenkins.plugins.codegen.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorClassifierTest {
    private static final String TOKEN = "sk-7f3a9c2e-51d4-4b8e-9a6f-0c1d2e3f4a5b";

    @ParameterizedTest
    @CsvSource({
            "400, VALIDATION", "409, VALIDATION", "422, VALIDATION",
            "401, AUTHENTICATION", "402, QUOTA", "403, PERMISSION", "404, NOT_FOUND",
            "408, TIMEOUT", "504, TIMEOUT", "429, RATE_LIMIT",
            "500, SERVER", "501, SERVER", "502, SERVER", "503, SERVER", "599, SERVER",
            "200, UNKNOWN", "201, UNKNOWN", "302, UNKNOWN", "405, UNKNOWN", "410, UNKNOWN", "418, UNKNOWN",
            "600, UNKNOWN", "0, UNKNOWN", "-1, UNKNOWN"})
    void mapsEveryHttpStatus(int status, ErrorType expected) {
        assertThat(ErrorClassifier.forHttpStatus(status)).isEqualTo(expected);
    }

    static Stream<Arguments> javaFailures() {
        return Stream.of(
                Arguments.of(new ConnectException("Connection refused"), ErrorType.CONNECTION),
                Arguments.of(new UnknownHostException("api.codegen.example"), ErrorType.CONNECTION),
                Arguments.of(new NoRouteToHostException("No route to host"), ErrorType.CONNECTION),
                Arguments.of(new HttpConnectTimeoutException("HTTP connect timed out"), ErrorType.CONNECTION),
                Arguments.of(new SocketTimeoutException("Read timed out"), ErrorType.TIMEOUT),
                Arguments.of(new HttpTimeoutException("request timed out"), ErrorType.TIMEOUT),
                Arguments.of(new InterruptedException("sleep interrupted"), ErrorType.ABORTED),
                Arguments.of(new IOException("Connection reset"), ErrorType.CONNECTION),
                Arguments.of(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"), ErrorType.CONNECTION),
                Arguments.of(new FileNotFoundException("task.json (No such file or directory)"), ErrorType.UNKNOWN),
                Arguments.of(new NoSuchFileException("/tmp/bridge.py"), ErrorType.UNKNOWN),
                Arguments.of(new IllegalStateException("boom"), ErrorType.UNKNOWN),
                Arguments.of(new OutOfMemoryError("Java heap space"), ErrorType.UNKNOWN));
    }

    @ParameterizedTest
    @MethodSource("javaFailures")
    void classifiesJavaFailures(Throwable failure, ErrorType expected) {
        CodegenException classified = ErrorClassifier.classify(failure);

        assertThat(classified.getErrorType()).isEqualTo(expected);
        assertThat(classified.isRetryable()).isEqualTo(expected.isRetryableByDefault());
        assertThat(classified.getMessage())
                .endsWith(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        assertThat(classified.getCause()).isSameAs(failure);
    }

    @Test
    void theMessageSaysWhatFailedInTermsOfTheType() {
        assertThat(ErrorClassifier.classify(new ConnectException("Connection refused")).getMessage())
                .isEqualTo("Could not reach the Codegen API: ConnectException: Connection refused");
        assertThat(ErrorClassifier.classify(new HttpTimeoutException("request timed out")).getMessage())
                .isEqualTo("The Codegen API did not answer in time: HttpTimeoutException: request timed out");
        assertThat(ErrorClassifier.classify(new InterruptedException()).getMessage())
                .isEqualTo("Interrupted: InterruptedException");
        assertThat(ErrorClassifier.classify(new IllegalStateException("boom")).getMessage())
                .isEqualTo("Unexpected failure: IllegalStateException: boom");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Cannot run program \"python3\": error=2, No such file or directory | python3",
            "Cannot run program \"/opt/py/bin/python3.12\" (in directory \"/ws\"): error=13, Permission denied"
                    + " | /opt/py/bin/python3.12",
            "Cannot run program \"python\": CreateProcess error=2, The system cannot find the file specified"
                    + " | python"})
    void aProgramThatCouldNotStartIsAPythonProblemNamingTheInterpreter(String message, String interpreter) {
        CodegenException classified = ErrorClassifier.classify(new IOException(message));

        assertThat(classified.getErrorType()).isEqualTo(ErrorType.PYTHON);
        assertThat(classified.isRetryable()).isFalse();
        assertThat(classified.getMessage()).startsWith("Could not start the Python bridge: IOException: ");
        assertThat(classified.getGuidance()).startsWith("Python could not be started as '" + interpreter + "'")
                .contains("Install Python 3.8 or newer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"error=2, No such file or directory", "CreateProcess error=2", "No such file or directory"})
    void withoutTheInterpreterNamedTheGuidanceIsTheGeneralOne(String message) {
        CodegenException classified = ErrorClassifier.classify(new IOException(message));

        assertThat(classified.getErrorType()).isEqualTo(ErrorType.PYTHON);
        assertThat(classified.getGuidance()).isEqualTo(ErrorType.PYTHON.defaultGuidance());
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsClass() {
        CodegenException classified = ErrorClassifier.classify(new ConnectException());

        assertThat(classified.getErrorType()).isEqualTo(ErrorType.CONNECTION);
        assertThat(classified.getMessage()).isEqualTo("Could not reach the Codegen API: ConnectException");
    }

    @Test
    void aCodegenExceptionIsReturnedUnchanged() {
        CodegenException failure = CodegenException.builder(ErrorType.QUOTA, "out of runs").build();

        assertThat(ErrorClassifier.classify(failure)).isSameAs(failure);
    }

    static Stream<Throwable> wrappers() {
        ConnectException refused = new ConnectException("Connection refused");
        return Stream.of(new UncheckedIOException(refused), new CompletionException(refused),
                new ExecutionException(refused), new CompletionException(new UncheckedIOException(refused)));
    }

    @ParameterizedTest
    @MethodSource("wrappers")
    void wrappersAreClassifiedByWhatTheyCarry(Throwable wrapper) {
        CodegenException classified = ErrorClassifier.classify(wrapper);

        assertThat(classified.getErrorType()).isEqualTo(ErrorType.CONNECTION);
        assertThat(classified.getCause()).isInstanceOf(ConnectException.class);
    }

    @Test
    void anEmptyWrapperIsClassifiedItself() {
        assertThat(ErrorClassifier.classify(new CompletionException("lost", null)).getErrorType())
                .isEqualTo(ErrorType.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Server returned 401 for Authorization: Bearer " + TOKEN,
            "GET https://api.codegen.com/v1/organizations?token=" + TOKEN + "&x=1 failed",
            "bad key api_key: " + TOKEN,
            "unexpected value " + TOKEN + " in header",
            "password=hunter2 rejected"})
    void credentialsInAMessageAreMaskedAndTheCauseIsDropped(String message) {
        CodegenException classified = ErrorClassifier.classify(new IOException(message));

        assertThat(classified.getMessage()).doesNotContain(TOKEN).doesNotContain("hunter2").contains("****");
        assertThat(classified.describe()).doesNotContain(TOKEN).doesNotContain("hunter2");
        assertThat(classified.getCause()).as("the cause would print the secret in a stack trace").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Connect to api.codegen.com:443 [api.codegen.com/104.18.32.7] failed: Connection refused",
            "/usr/lib/jvm/java-17-openjdk-amd64/bin/java exited with 1",
            "HttpConnectTimeoutException while creating agent run 12345"})
    void ordinaryMessagesAreLeftAlone(String message) {
        CodegenException classified = ErrorClassifier.classify(new IOException(message));

        assertThat(classified.getMessage()).endsWith(message);
        assertThat(classified.getCause()).isNotNull();
    }
}

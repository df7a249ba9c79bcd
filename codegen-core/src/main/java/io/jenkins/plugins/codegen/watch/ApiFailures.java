package io.jenkins.plugins.codegen.watch;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.CreateOutcome;
import io.jenkins.plugins.codegen.error.ErrorClassifier;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * The failures of one status read, typed and worded as the bridge words them (its {@code Api.call}
 * and {@code _http_error}): "{@code GET /v1/organizations/1/agent/run/5: HTTP 403 - <detail>}", the
 * type from {@link ErrorClassifier#forHttpStatus}, the bridge's guidance. The run exists, so every
 * failure names it. Messages are masked: a server could echo the token.
 */
final class ApiFailures {
    static final String PHASE = "poll";

    private final String method;
    private final String path;
    private final long orgId;
    private final long runId;
    private final SecretMasker masker;

    ApiFailures(String path, long orgId, long runId, SecretMasker masker) {
        this.method = "GET";
        this.path = path;
        this.orgId = orgId;
        this.runId = runId;
        this.masker = masker;
    }

    /** A non-2xx answer. */
    CodegenException http(int status, byte[] body, Duration retryAfter, String webUrl) {
        // A proxy's 407 page says nothing the error type's guidance does not.
        String detail = status == 407 ? "Proxy Authentication Required" : ErrorBody.detail(body);
        String message = method + " " + path + ": HTTP " + status + (detail.isEmpty() ? "" : " - " + detail);
        CodegenException.Builder error = base(ErrorClassifier.forHttpStatus(status), message, webUrl)
                .httpStatus(status).retryAfter(retryAfter);
        String guidance = WatchGuidance.forHttpStatus(status, orgId);
        if (guidance != null) {
            error.guidance(guidance);
        }
        return error.build();
    }

    /** A 2xx whose body is not a run: the server failed, as the bridge counts it. */
    CodegenException malformed(int status, boolean empty, String webUrl) {
        return base(ErrorType.SERVER, method + " " + path + ": the Codegen API sent "
                + (empty ? "an empty answer" : "malformed JSON") + " (HTTP " + status + ")", webUrl)
                .httpStatus(status).build();
    }

    /** No answer: refused, reset, timed out; classified as everywhere else in the engine. */
    CodegenException transport(Throwable failure, String webUrl) {
        CodegenException classified = ErrorClassifier.classify(unwrap(failure));
        return base(classified.getErrorType(), method + " " + path + ": " + classified.getMessage(), webUrl).build();
    }

    private CodegenException.Builder base(ErrorType type, String message, String webUrl) {
        return CodegenException.builder(type, masker.mask(message)).phase(PHASE).runId(runId).webUrl(webUrl)
                .createOutcome(CreateOutcome.CREATED);
    }

    /** What failed, not the asynchronous exchange's wrapper of it. */
    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Whether another read may get through: rate limits, 5xx, timeouts, dropped connections. */
    static boolean isTransient(CodegenException failure) {
        return switch (failure.getErrorType()) {
            case RATE_LIMIT, SERVER, CONNECTION, TIMEOUT -> true;
            default -> false;
        };
    }
}

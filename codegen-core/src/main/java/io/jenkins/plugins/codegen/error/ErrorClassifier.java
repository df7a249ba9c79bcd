package io.jenkins.plugins.codegen.error;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what went wrong on the Java side, an HTTP status or an exception, into an {@link ErrorType}
 * a user can act on.
 *
 * <p>Messages are built from the exception's class and message only, and anything in them that
 * looks like a credential is replaced by {@code ****}: an exception message may quote a header, a
 * URL or a command line, and these messages end up in build consoles.
 */
public final class ErrorClassifier {
    /**
     * How {@code ProcessBuilder.start()} says that a program could not be started; {@code error=2} is
     * ENOENT on Unix and also matches Windows' {@code CreateProcess error=2}.
     */
    private static final List<String> PROGRAM_NOT_STARTED =
            List.of("Cannot run program", "error=2", "No such file or directory");
    private static final Pattern PROGRAM_NAME = Pattern.compile("Cannot run program \"([^\"]+)\"");
    /** A value following a word that announces a secret: {@code Bearer x}, {@code token=x}, {@code api_key: x}. */
    private static final Pattern ANNOUNCED_SECRET = Pattern.compile(
            "(?i)(bearer\\s+|(?:token|api[_-]?key|authorization|password|secret)\\s*[=:]\\s*)[^\\s&,;\"']+");
    /** A long run of letters and digits mixed, as API tokens and keys are; words and paths are not. */
    private static final Pattern TOKEN_LIKE = Pattern.compile(
            "(?<![A-Za-z0-9_-])(?=[A-Za-z_-]*[0-9])(?=[0-9_-]*[A-Za-z])[A-Za-z0-9_-]{24,}(?![A-Za-z0-9_-])");
    private static final String MASK = "****";

    private ErrorClassifier() {
    }

    /** The type of a failed HTTP response; {@link ErrorType#UNKNOWN} for a status that is not a known failure. */
    public static ErrorType forHttpStatus(int status) {
        return switch (status) {
            case 400, 409, 422 -> ErrorType.VALIDATION;
            case 401 -> ErrorType.AUTHENTICATION;
            case 402 -> ErrorType.QUOTA;
            case 403 -> ErrorType.PERMISSION;
            case 404 -> ErrorType.NOT_FOUND;
            case 407 -> ErrorType.PROXY;
            case 408, 504 -> ErrorType.TIMEOUT;
            case 429 -> ErrorType.RATE_LIMIT;
            default -> status >= 500 && status <= 599 ? ErrorType.SERVER : ErrorType.UNKNOWN;
        };
    }

    /**
     * A {@link CodegenException} for any failure; one that already is one is returned unchanged, and
     * wrappers that only carry another failure ({@link UncheckedIOException}, {@link CompletionException},
     * {@link ExecutionException}) are classified by what they carry. The original is kept as the cause
     * unless its message had to be redacted, so that no stack trace prints what was masked. For an {@link InterruptedException} ({@link ErrorType#ABORTED}),
     * restoring the thread's interrupt status is the caller's business.
     */
    public static CodegenException classify(Throwable failure) {
        if (failure instanceof CodegenException codegen) {
            return codegen;
        }
        if (isWrapper(failure)) {
            return classify(failure.getCause());
        }
        ErrorType type = typeOf(failure);
        String original = failure.getMessage();
        String message = original == null ? null : redact(original);
        CodegenException.Builder builder = CodegenException.builder(type, summary(type, failure, message));
        if (message == null || message.equals(original)) {
            builder.cause(failure);
        }
        if (type == ErrorType.PYTHON) {
            builder.guidance(pythonGuidance(message));
        }
        return builder.build();
    }

    private static boolean isWrapper(Throwable failure) {
        return (failure instanceof UncheckedIOException || failure instanceof CompletionException
                || failure instanceof ExecutionException) && failure.getCause() != null;
    }

    private static ErrorType typeOf(Throwable failure) {
        // Subtypes before their supertypes: HttpConnectTimeoutException is an HttpTimeoutException.
        if (failure instanceof ConnectException || failure instanceof UnknownHostException
                || failure instanceof NoRouteToHostException || failure instanceof HttpConnectTimeoutException) {
            return ErrorType.CONNECTION;
        }
        if (failure instanceof SocketTimeoutException || failure instanceof HttpTimeoutException) {
            return ErrorType.TIMEOUT;
        }
        if (failure instanceof InterruptedException) {
            return ErrorType.ABORTED;
        }
        // A missing or unreadable local file is neither a program that would not start nor a network fault.
        if (failure instanceof FileNotFoundException || failure instanceof FileSystemException) {
            return ErrorType.UNKNOWN;
        }
        if (failure instanceof IOException) {
            return programNotStarted(failure.getMessage()) ? ErrorType.PYTHON : ErrorType.CONNECTION;
        }
        return ErrorType.UNKNOWN;
    }

    private static boolean programNotStarted(String message) {
        return message != null && PROGRAM_NOT_STARTED.stream().anyMatch(message::contains);
    }

    private static String summary(ErrorType type, Throwable failure, String message) {
        String lead = switch (type) {
            case CONNECTION -> "Could not reach the Codegen API";
            case TIMEOUT -> "The Codegen API did not answer in time";
            case PYTHON -> "Could not start the Python bridge";
            case ABORTED -> "Interrupted";
            default -> "Unexpected failure";
        };
        String name = failure.getClass().getSimpleName();
        return lead + ": " + (message == null ? name : name + ": " + message);
    }

    private static String pythonGuidance(String message) {
        Matcher program = PROGRAM_NAME.matcher(message);
        if (!program.find()) {
            return ErrorType.PYTHON.defaultGuidance();
        }
        return "Python could not be started as '" + program.group(1) + "' on the build agent. Install Python 3.8 "
                + "or newer there, or set the Python path (PYTHON_PATH) to an interpreter that exists "
                + "on the agent, e.g. /usr/bin/python3.";
    }

    /** The text with credential-like parts masked. */
    private static String redact(String text) {
        String announced = ANNOUNCED_SECRET.matcher(text).replaceAll("$1" + MASK);
        return TOKEN_LIKE.matcher(announced).replaceAll(MASK);
    }
}

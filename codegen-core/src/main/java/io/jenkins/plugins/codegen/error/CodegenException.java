package io.jenkins.plugins.codegen.error;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one failure type of the engine. It says what went wrong ({@link #getErrorType()}), what to do
 * about it ({@link #getGuidance()}), how many attempts were made and whether another attempt could
 * help. Messages never contain the API token.
 */
public class CodegenException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorType errorType;
    private final String guidance;
    private final boolean retryable;
    private final int attempts;
    private final Integer httpStatus;
    private final Duration retryAfter;
    private final String phase;
    private final Long runId;
    private final String webUrl;
    private final CreateOutcome createOutcome;
    private final List<FieldError> fieldErrors;

    private CodegenException(Builder b) {
        super(b.message, b.cause);
        this.errorType = b.errorType;
        this.guidance = b.guidance != null ? b.guidance : b.errorType.defaultGuidance();
        this.retryable = b.retryable != null ? b.retryable : b.errorType.isRetryableByDefault();
        this.attempts = b.attempts;
        this.httpStatus = b.httpStatus;
        this.retryAfter = b.retryAfter;
        this.phase = b.phase;
        this.runId = b.runId;
        this.webUrl = b.webUrl;
        this.createOutcome = b.createOutcome;
        this.fieldErrors = List.copyOf(b.fieldErrors);
    }

    public static Builder builder(ErrorType type, String message) {
        return new Builder(type, message);
    }

    /**
     * A {@link ErrorType#VALIDATION} failure listing every problem found, one per line, so that a
     * user can fix them all at once.
     */
    public static CodegenException invalid(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no field errors");
        }
        StringBuilder message = new StringBuilder(errors.size() == 1 ? "Invalid input: " : "Invalid input:");
        if (errors.size() == 1) {
            message.append(errors.get(0));
        } else {
            errors.forEach(e -> message.append(System.lineSeparator()).append("  - ").append(e));
        }
        return builder(ErrorType.VALIDATION, message.toString())
                .guidance("Correct the field" + (errors.size() == 1 ? " named" : "s listed")
                        + " above; nothing was sent to Codegen.")
                .fieldErrors(errors)
                .build();
    }

    /** A copy that records how many attempts were made in all. */
    public CodegenException withAttempts(int attemptCount) {
        return toBuilder().attempts(attemptCount).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(errorType, getMessage());
        b.cause = getCause();
        b.guidance = guidance;
        b.retryable = retryable;
        b.attempts = attempts;
        b.httpStatus = httpStatus;
        b.retryAfter = retryAfter;
        b.phase = phase;
        b.runId = runId;
        b.webUrl = webUrl;
        b.createOutcome = createOutcome;
        b.fieldErrors = fieldErrors;
        return b;
    }

    public ErrorType getErrorType() {
        return errorType;
    }

    /** What the user should do next. */
    public String getGuidance() {
        return guidance;
    }

    /** Whether another attempt could succeed. */
    public boolean isRetryable() {
        return retryable;
    }

    /** Attempts made before giving up (1 when the first attempt failed and was not retried). */
    public int getAttempts() {
        return attempts;
    }

    public Optional<Integer> getHttpStatus() {
        return Optional.ofNullable(httpStatus);
    }

    /** The wait the server asked for (HTTP {@code Retry-After}), if it gave one. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Where it failed: {@code create}, {@code poll}, {@code health}, {@code repos}, {@code lookup}, ... */
    public Optional<String> getPhase() {
        return Optional.ofNullable(phase);
    }

    /** The agent run that exists despite the failure, if any. */
    public Optional<Long> getRunId() {
        return Optional.ofNullable(runId);
    }

    /** The page of that agent run, if known. */
    public Optional<String> getWebUrl() {
        return Optional.ofNullable(webUrl);
    }

    public CreateOutcome getCreateOutcome() {
        return createOutcome;
    }

    /** For {@link ErrorType#VALIDATION}: each field that is wrong; empty otherwise. */
    public List<FieldError> getFieldErrors() {
        return fieldErrors;
    }

    /** One line for a console: type, message, and what to do. */
    public String describe() {
        return "[" + errorType.wireName() + "] " + Sentence.withGuidance(getMessage(), guidance);
    }

    /** Collects the fields of a {@link CodegenException}. */
    public static final class Builder {
        private final ErrorType errorType;
        private final String message;
        private Throwable cause;
        private String guidance;
        private Boolean retryable;
        private int attempts = 1;
        private Integer httpStatus;
        private Duration retryAfter;
        private String phase;
        private Long runId;
        private String webUrl;
        private CreateOutcome createOutcome = CreateOutcome.NOT_APPLICABLE;
        private List<FieldError> fieldErrors = List.of();

        private Builder(ErrorType errorType, String message) {
            this.errorType = Objects.requireNonNull(errorType, "errorType");
            this.message = Objects.requireNonNull(message, "message");
        }

        public Builder cause(Throwable value) {
            this.cause = value;
            return this;
        }

        public Builder guidance(String value) {
            this.guidance = value;
            return this;
        }

        public Builder retryable(boolean value) {
            this.retryable = value;
            return this;
        }

        public Builder attempts(int value) {
            this.attempts = value;
            return this;
        }

        public Builder httpStatus(Integer value) {
            this.httpStatus = value;
            return this;
        }

        public Builder retryAfter(Duration value) {
            this.retryAfter = value;
            return this;
        }

        public Builder phase(String value) {
            this.phase = value;
            return this;
        }

        public Builder runId(Long value) {
            this.runId = value;
            return this;
        }

        public Builder webUrl(String value) {
            this.webUrl = value;
            return this;
        }

        public Builder createOutcome(CreateOutcome value) {
            this.createOutcome = Objects.requireNonNull(value, "createOutcome");
            return this;
        }

        public Builder fieldErrors(List<FieldError> value) {
            this.fieldErrors = List.copyOf(value);
            return this;
        }

        public CodegenException build() {
            return new CodegenException(this);
        }
    }
}

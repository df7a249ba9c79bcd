package io.jenkins.plugins.codegen.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One test that failed, as a fix describes it: what it is, what it said, and where it was when it
 * said it. Everything is {@link Redactor redacted}; the stack is cut to its first lines, which
 * name the assertion and the code under test.
 *
 * @param className e.g. {@code com.acme.SignupTest}; empty when the report gives none
 * @param name e.g. {@code rejectsEmptyEmail}
 * @param error true when the test broke (an unexpected exception) rather than failed an assertion
 * @param message the failure's message; empty when there is none
 * @param stackLines the first lines of the stack trace
 */
public record FailedTest(String className, String name, boolean error, String message, List<String> stackLines) {
    /** The assertion, the test method and the code under test are in the first few frames. */
    public static final int STACK_LINES = 10;

    public FailedTest {
        className = Objects.requireNonNullElse(className, "");
        name = Objects.requireNonNullElse(name, "");
        message = Objects.requireNonNullElse(message, "");
        stackLines = List.copyOf(stackLines);
    }

    /**
     * A failed test from a report's values: cleaned, redacted and cut.
     *
     * @param stackTrace the whole stack trace as the report has it, or null
     */
    public static FailedTest of(String className, String name, boolean error, String message, String stackTrace,
                                Redactor redactor) {
        return new FailedTest(line(className, redactor), line(name, redactor), error,
                LogExcerpt.cut(line(message, redactor)), stack(stackTrace, redactor));
    }

    /** {@code com.acme.SignupTest.rejectsEmptyEmail}: what the failure signature sorts. */
    public String fullName() {
        return className.isEmpty() ? name : className + "." + name;
    }

    /** The test as a list item of the prompt: its name, then message and stack indented beneath it. */
    public String describe() {
        StringBuilder text = new StringBuilder(fullName()).append(error ? " (error)" : " (failed)");
        if (!message.isEmpty()) {
            text.append(": ").append(message);
        }
        for (String frame : stackLines) {
            text.append("\n    ").append(frame);
        }
        return text.toString();
    }

    /**
     * One line: a message that spans lines is joined, as the prompt shows it on the test's line. Redacted
     * line by line before, where a private key's lines and a YAML {@code password:} at a line's start show.
     */
    private static String line(String text, Redactor redactor) {
        if (text == null) {
            return "";
        }
        return redacted(text, redactor).stream().map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" "));
    }

    private static List<String> redacted(String text, Redactor redactor) {
        List<String> cleaned = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            cleaned.add(LogExcerpt.clean(raw));
        }
        return redactor.redactLines(cleaned);
    }

    private static List<String> stack(String stackTrace, Redactor redactor) {
        List<String> lines = new ArrayList<>();
        if (stackTrace == null) {
            return lines;
        }
        for (String redactedLine : redacted(stackTrace, redactor)) {
            String frame = LogExcerpt.cut(redactedLine.strip());
            if (!frame.isEmpty()) {
                lines.add(frame);
                if (lines.size() == STACK_LINES) {
                    break;
                }
            }
        }
        return lines;
    }
}

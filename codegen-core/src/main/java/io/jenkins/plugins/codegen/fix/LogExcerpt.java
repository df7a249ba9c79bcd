package io.jenkins.plugins.codegen.fix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last lines of a console log before the failure, as they may leave the machine: terminal
 * colours and Jenkins' hidden console notes removed, what a carriage return overwrote dropped,
 * other control characters removed, very long lines cut, and every line {@link Redactor redacted}.
 *
 * @param lines the kept lines, oldest first
 * @param totalLines how many lines the log had
 */
public record LogExcerpt(List<String> lines, long totalLines) {
    /** How many lines a fix sends by default: enough for a stack trace and what led to it. */
    public static final int DEFAULT_LINES = 200;
    public static final int MAX_LINES = 5_000;
    /** A longer line is mostly noise (a minified file, a progress bar); its start says what it is. */
    static final int MAX_LINE_LENGTH = 500;
    private static final int TRAILING_SLACK = 50;

    /** Jenkins' console notes (hidden, serialized annotations) and ANSI escape sequences. */
    private static final Pattern CONSOLE_NOTE = Pattern.compile("\u001B\\[8mha:[^\u001B]*\u001B\\[0m");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\t]]");

    public LogExcerpt {
        lines = List.copyOf(lines);
    }

    /** Reads a whole log, keeping only its last {@code maxLines} lines in memory. */
    public static LogExcerpt read(Reader log, int maxLines, Redactor redactor) throws IOException {
        checkMaxLines(maxLines);
        // A little more than asked for: blank lines at the very end are dropped and should not use up the count.
        int window = maxLines + TRAILING_SLACK;
        Deque<String> tail = new ArrayDeque<>(Math.min(window, 1024));
        long total = 0;
        BufferedReader reader = log instanceof BufferedReader buffered ? buffered : new BufferedReader(log);
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            total++;
            if (tail.size() == window) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
        return of(new ArrayList<>(tail), total, maxLines, redactor);
    }

    /** The excerpt of a log whose lines the caller has already, e.g. the last lines a build kept. */
    public static LogExcerpt of(List<String> lastLines, long totalLines, int maxLines, Redactor redactor) {
        checkMaxLines(maxLines);
        List<String> cleaned = new ArrayList<>();
        for (String line : lastLines) {
            cleaned.add(clean(line));
        }
        // Blank lines at the end say nothing and would push real ones out of the excerpt.
        while (!cleaned.isEmpty() && cleaned.get(cleaned.size() - 1).isBlank()) {
            cleaned.remove(cleaned.size() - 1);
        }
        // All lines, also those above the excerpt: a private key that starts above it is redacted as a whole.
        List<String> redacted = redactor.redactLines(cleaned);
        List<String> kept = new ArrayList<>();
        for (String line : redacted.subList(Math.max(0, redacted.size() - maxLines), redacted.size())) {
            // Redacted before it is cut, so that a cut never leaves a secret's start too short to be seen.
            kept.add(cut(line));
        }
        return new LogExcerpt(kept, Math.max(totalLines, lastLines.size()));
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    static String clean(String line) {
        String visible = ANSI.matcher(CONSOLE_NOTE.matcher(line).replaceAll("")).replaceAll("");
        // A progress bar rewrites its line with '\r': keep what a terminal would show last.
        int lastReturn = visible.stripTrailing().lastIndexOf('\r');
        if (lastReturn >= 0) {
            visible = visible.substring(lastReturn + 1);
        }
        return CONTROL.matcher(visible).replaceAll("").replace('\t', ' ').stripTrailing();
    }

    static String cut(String line) {
        String visible = line;
        if (visible.length() > MAX_LINE_LENGTH) {
            int cut = Character.isHighSurrogate(visible.charAt(MAX_LINE_LENGTH - 1)) ? MAX_LINE_LENGTH - 1
                    : MAX_LINE_LENGTH;
            visible = visible.substring(0, cut) + " [… " + (visible.length() - cut) + " more characters]";
        }
        return visible;
    }

    private static void checkMaxLines(int maxLines) {
        if (maxLines < 1 || maxLines > MAX_LINES) {
            throw new IllegalArgumentException("logLines is " + maxLines + "; it must be from 1 to " + MAX_LINES);
        }
    }
}

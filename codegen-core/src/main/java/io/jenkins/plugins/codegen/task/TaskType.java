package io.jenkins.plugins.codegen.task;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What kind of change a task asks for; it decides how the prompt tells the agent to deliver the work. */
public enum TaskType {
    /** Build what the requirements describe. The type of a task that names none. */
    IMPLEMENTATION("implementation", "implement"),
    /** Reproduce a bug with a failing test, then fix it. */
    BUG_FIX("bugfix", "bug", "fix"),
    /** A new capability, delivered with tests for its acceptance criteria. */
    FEATURE("feature"),
    /** Change the structure, not the behaviour. */
    REFACTOR("refactor", "refactoring");

    /** Accepted spellings, in {@link #normalize(String) normal form}. */
    private final Set<String> spellings;

    TaskType(String... spellings) {
        this.spellings = Set.of(spellings);
    }

    /** The name used in JSON and messages, e.g. {@code bug_fix}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a type the way people write it: {@code bug_fix}, {@code bugfix}, {@code bug-fix},
     * {@code Bug Fix}, {@code bug} and {@code fix} all mean {@link #BUG_FIX}. Empty when the value is
     * no type.
     */
    public static Optional<TaskType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = normalize(value);
        return Arrays.stream(values()).filter(t -> t.spellings.contains(wanted)).findFirst();
    }

    /** "implementation, bug_fix, feature, refactor", for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(TaskType::wireName).collect(Collectors.joining(", "));
    }

    private static String normalize(String value) {
        return value.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }
}

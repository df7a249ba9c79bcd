package io.jenkins.plugins.codegen.task;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The shape git requires of a branch name ({@code git check-ref-format --branch}), checked here so
 * that a bad name is refused before anything is sent rather than by the agent half-way through.
 * Control characters are the caller's concern: they are refused in every field.
 */
final class GitRefName {
    private static final String FORBIDDEN_CHARACTERS = "~^:?*[\\";

    private record Rule(Predicate<String> breaks, String problem) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(b -> b.indexOf(' ') >= 0, "contains a space"),
            new Rule(b -> b.contains(".."), "contains '..'"),
            new Rule(b -> b.contains("//"), "contains '//'"),
            new Rule(b -> b.contains("@{"), "contains '@{'"),
            new Rule(b -> b.startsWith("-"), "starts with '-'"),
            new Rule(b -> b.startsWith("/"), "starts with '/'"),
            new Rule(b -> b.endsWith("/"), "ends with '/'"),
            new Rule(b -> b.endsWith(".lock"), "ends with '.lock'"),
            new Rule(b -> b.endsWith("."), "ends with '.'"),
            new Rule(b -> b.startsWith(".") || b.contains("/."), "has a part that starts with '.'"),
            new Rule(b -> b.equals("@"), "is '@', which git reserves"));

    private GitRefName() {
    }

    /** What makes {@code branch} unusable as a git branch name, or empty when it is fine. */
    static Optional<String> problem(String branch) {
        for (char c : FORBIDDEN_CHARACTERS.toCharArray()) {
            if (branch.indexOf(c) >= 0) {
                return Optional.of("contains '" + c + "'");
            }
        }
        return RULES.stream().filter(rule -> rule.breaks().test(branch)).map(Rule::problem).findFirst();
    }
}

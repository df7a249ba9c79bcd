package io.jenkins.plugins.codegen.task;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How keys in task and context files may be written. Users' files come from trackers and scripts
 * in several styles, so {@code acceptanceCriteria}, {@code acceptance_criteria} and
 * {@code Acceptance-Criteria} are the same key; a key that is none of the known ones is probably
 * misspelt, and the closest known key is suggested in the user's own style.
 */
final class KeySpelling {
    /** Two typing slips; any further and a suggestion would be a guess. */
    private static final int MAX_DISTANCE = 2;

    private KeySpelling() {
    }

    /** The form in which spellings of one key are equal: lower case, without '_' and '-'. */
    static String normalize(String key) {
        return key.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The known key that {@code unknown} most likely misspells, written in the style of
     * {@code unknown}; empty when no known key is close. On a tie the first known key wins.
     */
    static Optional<String> suggest(String unknown, List<String> known) {
        String wanted = normalize(unknown);
        // A key of one or two letters is at most two slips from any short key; suggest nothing then.
        int worstAccepted = Math.min(MAX_DISTANCE, wanted.length() - 1);
        String best = null;
        int bestDistance = worstAccepted + 1;
        for (String candidate : known) {
            int distance = distance(wanted, normalize(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best).map(key -> inStyleOf(unknown, key));
    }

    private static String inStyleOf(String example, String key) {
        return example.contains("_") ? snakeCase(key) : camelCase(key);
    }

    private static String snakeCase(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String camelCase(String key) {
        StringBuilder camel = new StringBuilder(key.length());
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** Levenshtein distance: insertions, deletions and substitutions needed to turn one into the other. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

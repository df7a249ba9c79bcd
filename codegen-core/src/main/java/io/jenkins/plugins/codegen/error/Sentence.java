package io.jenkins.plugins.codegen.error;

/**
 * Error messages come from many places (the bridge, the API, the engine), some as sentences and some
 * as fragments ("agent run 5 did not finish within 30m (last status ACTIVE)"). Where a message is
 * followed by "What to do: ...", it needs its full stop.
 */
public final class Sentence {
    private Sentence() {
    }

    /**
     * The text with a full stop at its end, unless it ends with one, or with a question or exclamation
     * mark. A URL at the end gets one too: consoles (Jenkins' among them) leave a trailing full stop out
     * of the link.
     */
    public static String ended(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.stripTrailing();
        if (trimmed.isEmpty() || trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?")) {
            return trimmed;
        }
        return trimmed + ".";
    }

    /** "[timeout] agent run 5 did not finish (last status ACTIVE). What to do: Raise the timeout." */
    public static String withGuidance(String message, String guidance) {
        return ended(message) + " What to do: " + guidance;
    }
}

package io.jenkins.plugins.codegen.prompt;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fits a prompt into its length cap by shedding the least important parts first, stopping as soon
 * as it fits:
 * <ol>
 * <li>the example, the project context, the related tasks, the quality checklist, each whole;</li>
 * <li>the existing files, then the dependencies, then the affected files, each cut to as many
 *     items as fit but at least {@value #MIN_LIST_ITEMS}, with a "- … +N more" line;</li>
 * <li>a failed build's console log, cut to its last lines that fit, or dropped; then its failed
 *     tests, cut to as many as fit but at least one: a test names the failure more precisely than
 *     the log does;</li>
 * <li>the description, cut to what fits, with a visible marker;</li>
 * <li>the acceptance criteria, cut to the whole items that fit, with a "- … +N more" line.</li>
 * </ol>
 * The title and the requirements are never shed: without them there is no task. Each step works
 * out the size of its cut from section lengths, so the text is built once, whatever the cap.
 */
final class PromptShedder {
    /** A few files or dependencies tell the agent more than a count alone. */
    static final int MIN_LIST_ITEMS = 5;

    /** One way of making the draft shorter; says what it shed, if anything. */
    private interface Step {
        Optional<String> shed(PromptDraft draft, int cap);
    }

    private static final List<Step> STEPS = List.of(
            drop(PromptPart.EXAMPLE, "examples"),
            drop(PromptPart.PROJECT_CONTEXT, "project context"),
            drop(PromptPart.RELATED_TASKS, "related tasks"),
            drop(PromptPart.QUALITY_CHECKLIST, "quality checklist"),
            shorten(PromptPart.EXISTING_FILES, "existing files", MIN_LIST_ITEMS),
            shorten(PromptPart.DEPENDENCIES, "dependencies", MIN_LIST_ITEMS),
            shorten(PromptPart.AFFECTED_FILES, "affected files", MIN_LIST_ITEMS),
            PromptShedder::shortenLog,
            shorten(PromptPart.FAILED_TESTS, "failed tests", 1),
            PromptShedder::truncateDescription,
            shorten(PromptPart.ACCEPTANCE_CRITERIA, "acceptance criteria", 0));

    private PromptShedder() {
    }

    /**
     * Sheds from {@code draft} until it is at most {@code cap} characters long.
     *
     * @return what was shed, in order; empty when the draft fit as it was
     * @throws CodegenException when even the shortest prompt is longer than the cap
     */
    static List<String> fit(PromptDraft draft, int cap) throws CodegenException {
        List<String> shed = new ArrayList<>();
        for (Step step : STEPS) {
            if (draft.length() <= cap) {
                return shed;
            }
            step.shed(draft, cap).ifPresent(shed::add);
        }
        if (draft.length() > cap) {
            throw tooSmall(draft, cap);
        }
        return shed;
    }

    private static Step drop(PromptPart part, String name) {
        return (draft, cap) -> draft.remove(part) ? Optional.of(name) : Optional.empty();
    }

    private static Step shorten(PromptPart part, String name, int minKept) {
        return (draft, cap) -> draft.get(part, Section.Items.class).flatMap(items -> {
            int others = draft.length() - items.length();
            int kept = items.size() - 1;
            while (kept > minKept && others + items.lengthKeeping(kept) > cap) {
                kept--;
            }
            // Cutting a list that is short already would only add the "+N more" line.
            if (kept < minKept || items.lengthKeeping(kept) >= items.length()) {
                return Optional.empty();
            }
            draft.put(part, items.keepingFirst(kept));
            return Optional.of(name + " (kept " + grouped(kept) + " of " + grouped(items.size()) + ")");
        });
    }

    /** Keeps the log's last lines, those nearest the failure; drops the block when none fits. */
    private static Optional<String> shortenLog(PromptDraft draft, int cap) {
        return draft.get(PromptPart.LOG_EXCERPT, Section.LogTail.class).map(log -> {
            int others = draft.length() - log.length();
            int kept = log.size() - 1;
            while (kept > 0 && others + log.lengthKeeping(kept) > cap) {
                kept--;
            }
            if (kept == 0) {
                draft.remove(PromptPart.LOG_EXCERPT);
                return "console log";
            }
            draft.put(PromptPart.LOG_EXCERPT, log.keepingLast(kept));
            return "console log (kept the last " + grouped(kept) + " of " + grouped(log.size()) + " lines)";
        });
    }

    private static Optional<String> truncateDescription(PromptDraft draft, int cap) {
        return draft.get(PromptPart.DESCRIPTION, Section.Text.class).flatMap(section -> {
            String text = section.text();
            int room = cap - (draft.length() - section.length());
            // The marker's length depends on the count it shows: estimate with the longest count, then adjust.
            int kept = Math.max(0, Math.min(text.length() - 1, room - truncatedLength(text, 0) - 1));
            while (kept + 1 < text.length() && truncatedLength(text, kept + 1) <= room) {
                kept++;
            }
            while (kept > 0 && (truncatedLength(text, kept) > room || splitsCharacter(text, kept))) {
                kept--;
            }
            if (truncatedLength(text, kept) >= section.length()) {
                return Optional.empty();
            }
            draft.put(PromptPart.DESCRIPTION, new Section.Text(truncated(text, kept)));
            return Optional.of("description (truncated, " + grouped(text.length() - kept) + " characters omitted)");
        });
    }

    /** Whether cutting after {@code kept} chars would separate the halves of a surrogate pair (an emoji, say). */
    private static boolean splitsCharacter(String text, int kept) {
        return Character.isHighSurrogate(text.charAt(kept - 1));
    }

    /** The first {@code kept} characters, then a marker that says how many are missing. */
    private static String truncated(String text, int kept) {
        String marker = marker(text.length() - kept);
        return kept == 0 ? marker : text.substring(0, kept) + "\n" + marker;
    }

    private static int truncatedLength(String text, int kept) {
        return (kept == 0 ? 0 : kept + 1) + marker(text.length() - kept).length() + 1;
    }

    private static String marker(int omitted) {
        return "[… description truncated: " + grouped(omitted) + " characters omitted …]";
    }

    private static CodegenException tooSmall(PromptDraft draft, int cap) {
        int needed = draft.length();
        int essential = draft.length(PromptPart.TASK) + draft.length(PromptPart.REQUIREMENTS);
        return CodegenException.invalid(List.of(new FieldError("maxPromptLength",
                "is " + grouped(cap) + ", but this task needs at least " + grouped(needed) + " characters: the title "
                        + "and requirements are never shed and alone take " + grouped(essential),
                "Raise maxPromptLength to at least " + grouped(needed) + ", or shorten the title and requirements.")));
    }

    private static String grouped(int number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}

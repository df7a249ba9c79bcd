package io.jenkins.plugins.codegen.prompt;

import java.util.List;
import java.util.Locale;

/**
 * What one part of the prompt says below its heading. Its length is known without building the
 * text, so that the optimizer decides what to shed by arithmetic and builds the text only once.
 */
sealed interface Section permits Section.Text, Section.Items, Section.LogTail {

    /** Characters this section adds to the prompt, its final line break included. */
    int length();

    void appendTo(StringBuilder prompt);

    /** A paragraph, inserted as it is. */
    record Text(String text) implements Section {
        @Override
        public int length() {
            return text.length() + 1;
        }

        @Override
        public void appendTo(StringBuilder prompt) {
            prompt.append(text).append('\n');
        }
    }

    /**
     * A {@code - } list. It may show only its first items, followed by a line that says how many
     * more there are: a cut the agent can see is better than one it cannot.
     */
    final class Items implements Section {
        private static final String BULLET = "- ";

        private final List<String> items;
        /** {@code lineEnds[k]}: the length of the lines of the first k items. */
        private final int[] lineEnds;
        private final int kept;

        private Items(List<String> items, int[] lineEnds, int kept) {
            this.items = items;
            this.lineEnds = lineEnds;
            this.kept = kept;
        }

        static Items of(List<String> items) {
            int[] lineEnds = new int[items.size() + 1];
            for (int i = 0; i < items.size(); i++) {
                lineEnds[i + 1] = lineEnds[i] + BULLET.length() + items.get(i).length() + 1;
            }
            return new Items(items, lineEnds, items.size());
        }

        /** How many items there are, shown or not. */
        int size() {
            return items.size();
        }

        /** The same list showing only its first {@code count} items. */
        Items keepingFirst(int count) {
            return new Items(items, lineEnds, count);
        }

        /** What {@link #length()} would be when showing only the first {@code count} items. */
        int lengthKeeping(int count) {
            return lineEnds[count] + (count < items.size() ? moreLine(items.size() - count).length() : 0);
        }

        @Override
        public int length() {
            return lengthKeeping(kept);
        }

        @Override
        public void appendTo(StringBuilder prompt) {
            for (String item : items.subList(0, kept)) {
                prompt.append(BULLET).append(item).append('\n');
            }
            if (kept < items.size()) {
                prompt.append(moreLine(items.size() - kept));
            }
        }

        private static String moreLine(int omitted) {
            return BULLET + "… +" + String.format(Locale.ROOT, "%,d", omitted) + " more\n";
        }
    }

    /**
     * Log lines in a fenced block, verbatim. Cut, it keeps its last lines, those nearest the
     * failure, after a line that says how many earlier ones are missing.
     */
    final class LogTail implements Section {
        private final List<String> lines;
        private final String fence;
        /** {@code tailEnds[k]}: the length of the last k lines. */
        private final int[] tailEnds;
        private final int kept;

        private LogTail(List<String> lines, String fence, int[] tailEnds, int kept) {
            this.lines = lines;
            this.fence = fence;
            this.tailEnds = tailEnds;
            this.kept = kept;
        }

        static LogTail of(List<String> lines) {
            int[] tailEnds = new int[lines.size() + 1];
            for (int k = 1; k <= lines.size(); k++) {
                tailEnds[k] = tailEnds[k - 1] + lines.get(lines.size() - k).length() + 1;
            }
            return new LogTail(lines, fence(lines), tailEnds, lines.size());
        }

        /** Longer than any run of backticks in the log, so that no log line can close the block. */
        private static String fence(List<String> lines) {
            int longest = 0;
            for (String line : lines) {
                int run = 0;
                for (int i = 0; i < line.length(); i++) {
                    run = line.charAt(i) == '`' ? run + 1 : 0;
                    longest = Math.max(longest, run);
                }
            }
            return "`".repeat(Math.max(3, longest + 1));
        }

        int size() {
            return lines.size();
        }

        /** The same block showing only the last {@code count} lines. */
        LogTail keepingLast(int count) {
            return new LogTail(lines, fence, tailEnds, count);
        }

        /** What {@link #length()} would be when showing only the last {@code count} lines. */
        int lengthKeeping(int count) {
            int omitted = lines.size() - count;
            return (omitted > 0 ? omittedLine(omitted).length() : 0) + 2 * (fence.length() + 1) + tailEnds[count];
        }

        @Override
        public int length() {
            return lengthKeeping(kept);
        }

        @Override
        public void appendTo(StringBuilder prompt) {
            int omitted = lines.size() - kept;
            if (omitted > 0) {
                prompt.append(omittedLine(omitted));
            }
            prompt.append(fence).append('\n');
            for (String line : lines.subList(omitted, lines.size())) {
                prompt.append(line).append('\n');
            }
            prompt.append(fence).append('\n');
        }

        private static String omittedLine(int omitted) {
            return "[… " + String.format(Locale.ROOT, "%,d", omitted) + " earlier lines omitted …]\n";
        }
    }
}

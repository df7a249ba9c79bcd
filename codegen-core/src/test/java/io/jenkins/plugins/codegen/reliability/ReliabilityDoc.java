package io.jenkins.plugins.codegen.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Rewrites one generated section of docs/reliability.md, between its start and end markers. */
final class ReliabilityDoc {
    /** The module's working directory is codegen-core; the document is at the repository root. */
    static final Path FILE = Paths.get("..", "docs", "reliability.md");

    private ReliabilityDoc() {
    }

    static void replaceSection(String section, String content) throws IOException {
        String start = "<!-- " + section + ":start -->";
        String end = "<!-- " + section + ":end -->";
        String text = Files.readString(FILE, StandardCharsets.UTF_8);
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(FILE + " has no " + section + " markers");
        }
        String updated = text.substring(0, from + start.length()) + "\n" + content + text.substring(to);
        if (!updated.equals(text)) {
            Files.writeString(FILE, updated, StandardCharsets.UTF_8);
        }
    }
}

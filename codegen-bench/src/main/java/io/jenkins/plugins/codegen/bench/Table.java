package io.jenkins.plugins.codegen.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Markdown table with padded columns, so that the same text reads well on a console and in a
 * {@code .md} file.
 */
final class Table {
    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param title a line printed above the table, or {@code null} for none
     * @param header the column names
     */
    Table(String title, String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.title = title;
        this.header = List.of(header);
    }

    /** Adds a row; {@code null} cells print empty. */
    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length + ": "
                    + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(cell -> escape(Objects.toString(cell, ""))).toList());
        return this;
    }

    String title() {
        return title;
    }

    int size() {
        return rows.size();
    }

    String toMarkdown() {
        int[] widths = new int[header.size()];
        for (List<String> line : lines()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        if (title != null) {
            text.append(title).append("\n\n");
        }
        appendLine(text, header, widths);
        List<String> rule = Arrays.stream(widths).mapToObj(w -> "-".repeat(Math.max(3, w))).toList();
        appendLine(text, rule, widths);
        rows.forEach(row -> appendLine(text, row, widths));
        return text.toString();
    }

    private List<List<String>> lines() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static void appendLine(StringBuilder text, List<String> cells, int[] widths) {
        text.append('|');
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            text.append(' ').append(cell).append(" ".repeat(Math.max(0, widths[i] - cell.length()))).append(" |");
        }
        text.append('\n');
    }

    /** A pipe would end the cell, a line break the row. */
    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}

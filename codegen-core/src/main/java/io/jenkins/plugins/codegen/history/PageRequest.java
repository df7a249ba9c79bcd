package io.jenkins.plugins.codegen.history;

/**
 * Which rows of the history a page shows: from row {@code start} (0 is the newest task), {@code size}
 * rows.
 *
 * @param start the first row, counted from the newest task
 * @param size how many rows the page shows, 1 to {@link #MAX_SIZE}
 */
public record PageRequest(int start, int size) {
    public static final int DEFAULT_SIZE = 25;
    /** A page never reads more builds than about this many rows need. */
    public static final int MAX_SIZE = 100;

    public PageRequest {
        if (start < 0 || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("start " + start + ", size " + size);
        }
    }

    public static PageRequest first() {
        return new PageRequest(0, DEFAULT_SIZE);
    }

    /**
     * The page a URL asks for: {@code ?start=} (a row) wins over {@code ?page=} (1 is the first page);
     * {@code ?size=} is clamped to 1..{@value #MAX_SIZE}. Anything missing or not a number means the
     * default, so a hand-edited URL shows a page rather than an error.
     */
    public static PageRequest parse(String page, String start, String size) {
        int rows = Math.min(MAX_SIZE, Math.max(1, number(size, DEFAULT_SIZE)));
        int first = number(start, -1);
        if (first < 0) {
            int pageNumber = Math.max(1, number(page, 1));
            first = (int) Math.min(Integer.MAX_VALUE, (long) (pageNumber - 1) * rows);
        }
        return new PageRequest(first, rows);
    }

    private static int number(String text, int otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The page's number, 1 for the first (a page that starts between pages counts as the one it starts in). */
    public int pageNumber() {
        return start / size + 1;
    }
}

package io.jenkins.plugins.codegen.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows {@code events.jsonl} by byte offset, the way durable-task follows a shell step's log:
 * each look reads only what was appended since the last, and only complete lines count. A last
 * line still being written stays where it is until its line break arrives. A line beyond the limit
 * is refused (a runaway bridge must not fill the heap); the file as a whole may grow as long as the
 * agent's log does, since its lines are passed on as they are read and none is kept here.
 */
final class EventLog {
    private final int maxLineBytes;
    private long offset;

    EventLog(int maxLineBytes, long offset) {
        this.maxLineBytes = maxLineBytes;
        this.offset = offset;
    }

    /** Where the next look starts: everything before it was consumed. */
    long offset() {
        return offset;
    }

    /** The complete lines appended since the last call, without their line breaks. */
    List<String> poll(BridgeFolder folder) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        int window = maxLineBytes + 1;
        while (true) {
            byte[] chunk = folder.read(BridgeFiles.EVENTS, offset, window);
            if (chunk == null || chunk.length == 0) {
                return lines;
            }
            int end = lastLineBreak(chunk);
            if (end < 0) {
                if (chunk.length >= window) {
                    throw new OverLimit("the bridge printed a line longer than " + maxLineBytes + " bytes");
                }
                return lines; // a line still being written
            }
            split(chunk, end, lines);
            offset += end + 1;
            if (chunk.length < window) {
                return lines;
            }
        }
    }

    private static int lastLineBreak(byte[] chunk) {
        for (int i = chunk.length - 1; i >= 0; i--) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void split(byte[] chunk, int end, List<String> lines) {
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (chunk[i] == '\n') {
                int length = i > start && chunk[i - 1] == '\r' ? i - 1 - start : i - start;
                lines.add(new String(chunk, start, length, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
    }

    /** The bridge wrote more than the limits allow: its fault, not the file system's. */
    static final class OverLimit extends IOException {
        private static final long serialVersionUID = 1L;

        OverLimit(String message) {
            super(message);
        }
    }
}

package io.jenkins.plugins.codegen.bridge;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads UTF-8 lines, refusing a line or a total that exceeds its limits (a runaway child must not fill the heap). */
final class BoundedLineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final long maxTotalBytes;
    private long total;

    BoundedLineReader(InputStream in, int maxLineBytes, long maxTotalBytes) {
        this.in = new BufferedInputStream(in);
        this.maxLineBytes = maxLineBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** The next line without its line break, or null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) != -1) {
            if (++total > maxTotalBytes) {
                throw new IOException("the bridge printed more than " + maxTotalBytes + " bytes");
            }
            if (b == '\n') {
                return decode(line);
            }
            if (line.size() >= maxLineBytes) {
                throw new IOException("the bridge printed a line longer than " + maxLineBytes + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : decode(line);
    }

    private static String decode(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}

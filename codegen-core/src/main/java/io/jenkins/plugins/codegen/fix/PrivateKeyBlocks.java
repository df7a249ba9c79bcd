package io.jenkins.plugins.codegen.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private key printed over several lines ({@code -----BEGIN RSA PRIVATE KEY-----}, its Base64
 * body, {@code -----END RSA PRIVATE KEY-----}) is redacted as a whole: its body becomes one
 * {@code [redacted]} line, the short last line included, which no rule on a line of its own could
 * tell from a word. The markers stay, so that the agent still reads that a key was printed. The
 * excerpt may start inside a key (its start lies above the lines sent): then the key-like lines just
 * above its end go too. A key whose end is not in the lines takes every line after its start.
 */
final class PrivateKeyBlocks {
    /** RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8 (none) and PGP's {@code PRIVATE KEY BLOCK}. */
    static final String BEGIN = "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----";
    static final String END = "-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----";

    private static final Pattern BEGIN_MARK = Pattern.compile(BEGIN);
    private static final Pattern END_MARK = Pattern.compile(END);
    /** A line of a key's body, or of an encrypted key's headers. */
    private static final Pattern BODY = Pattern.compile("\\s*(?:[A-Za-z0-9+/=]+|Proc-Type:.*|DEK-Info:.*)\\s*");

    private PrivateKeyBlocks() {
    }

    /**
     * @param redactLine what every line outside a key, and the markers' lines, go through
     * @return the lines with each key's body replaced by one line; fewer lines when a key was printed
     */
    static List<String> redact(List<String> lines, UnaryOperator<String> redactLine) {
        List<String> out = new ArrayList<>(lines.size());
        int bodyLinesAbove = 0;
        boolean inKey = false;
        for (String line : lines) {
            Matcher end = END_MARK.matcher(line);
            boolean hasEnd = end.find();
            if (inKey) {
                if (hasEnd) {
                    out.add(redactLine.apply(line.substring(end.start())));
                    inKey = false;
                }
                continue;
            }
            Matcher begin = BEGIN_MARK.matcher(line);
            boolean hasBegin = begin.find();
            if (hasBegin && !(hasEnd && end.start() > begin.start())) {
                // Whatever follows the marker on its line is the key's first characters.
                out.add(redactLine.apply(line.substring(0, begin.end())));
                out.add(Redactor.REDACTED);
                inKey = true;
                bodyLinesAbove = 0;
                continue;
            }
            if (hasEnd && !hasBegin && bodyLinesAbove > 0) {
                out.subList(out.size() - bodyLinesAbove, out.size()).clear();
                out.add(Redactor.REDACTED);
            }
            out.add(redactLine.apply(line));
            bodyLinesAbove = !hasEnd && BODY.matcher(line).matches() ? bodyLinesAbove + 1 : 0;
        }
        return out;
    }
}

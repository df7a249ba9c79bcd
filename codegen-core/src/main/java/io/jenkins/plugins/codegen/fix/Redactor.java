package io.jenkins.plugins.codegen.fix;

import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans build output before it may leave the machine. Known secrets become {@code ****} (through
 * {@link SecretMasker}, with their encoded forms); everything else that is a secret becomes
 * {@code [redacted]}:
 * <ul>
 * <li>a value by its name ({@link KeyedSecrets}): {@code Authorization:} headers, {@code *_TOKEN=},
 *     {@code *_SECRET=}, {@code password=} and their JSON and YAML forms, a URL's password,
 *     {@code .netrc}, {@code docker login -p}, {@code mysql -p}, tokens with a known prefix;</li>
 * <li>a private key as a whole block, across lines ({@link PrivateKeyBlocks});</li>
 * <li>any run of {@value #SHORTEST_SECRET_RUN} characters or more that looks like a secret nobody
 *     named: hex (a key, a digest) or Base64 mixing upper case, lower case and digits.</li>
 * </ul>
 * Redacting a long identifier by mistake costs little; sending a key costs a lot. Two kinds of long
 * runs stay all the same, because the agent needs them and they are never secret: a commit id where
 * Git and Jenkins print one, and an absolute path whose parts read as words.
 */
public final class Redactor {
    /** What a secret-looking run reads as once redacted. */
    public static final String REDACTED = "[redacted]";
    /** An API key is commonly 32 hex digits or 32 Base64 characters; a git commit's short form or a word is shorter. */
    static final int SHORTEST_SECRET_RUN = 32;
    /**
     * A longer line (a minified file) is cut before it is redacted, at a space where it has one, so
     * that no secret is cut in two: the excerpt keeps far less of a line than this anyway.
     */
    static final int LONGEST_REDACTED_LINE = 10_000;

    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9+/_-]{" + SHORTEST_SECRET_RUN + ",}={0,2}");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");
    /**
     * A 40-hex run is a git commit id in most logs ({@code Checking out Revision <id>}, {@code commit <id>},
     * {@code git checkout -f <id>}); the agent needs it to find the code. After these words it stays; elsewhere
     * it may as well be an old-style GitHub token (40 hex), and goes.
     */
    private static final Pattern BEFORE_COMMIT_ID = Pattern.compile("(?i)(?:\\bcommit|\\brevision|\\bHEAD(?: is now at)?"
            + "|\\bcheckout(?: -f)?|\\brev-list(?: --no-walk)?|\\bJenkinsfile from)[\"']?\\s*[:=#]?\\s*[\"']?$");
    /** A word of an identifier or path: {@code Signup}, {@code PR}, {@code 12}. */
    private static final Pattern WORD = Pattern.compile("[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+");
    /** Words this long on average read as names; random Base64 averages under 2 (and under 3 in 99.7 % of cases). */
    private static final double SHORTEST_AVERAGE_WORD = 3.0;

    private final SecretMasker masker;

    private Redactor(SecretMasker masker) {
        this.masker = Objects.requireNonNull(masker, "masker");
    }

    /** @param masker the secrets known by value (the Codegen token, the build's credentials) */
    public static Redactor of(SecretMasker masker) {
        return new Redactor(masker);
    }

    /** Redacts secret-looking values only: for callers that know no secret by value. */
    public static Redactor withoutKnownSecrets() {
        return new Redactor(SecretMasker.none());
    }

    /** One line, or a text of several lines (a private key in it is redacted as a block). */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return String.join("\n", redactLines(List.of(text.split("\\R", -1))));
        }
        return redactLine(text);
    }

    /** Lines in their order: a private key's body, which spans lines, becomes one {@code [redacted]} line. */
    public List<String> redactLines(List<String> lines) {
        return PrivateKeyBlocks.redact(lines, this::redactLine);
    }

    private String redactLine(String line) {
        // Named and shaped values first: a long run may hold a key's name (MY_APP_SECRET_TOKEN_2=) or
        // part of a token (SG.<22>.<43>) that they need to see.
        return redactRuns(KeyedSecrets.redactShaped(KeyedSecrets.redactNamed(masker.mask(bounded(line)))));
    }

    private static String bounded(String line) {
        if (line.length() <= LONGEST_REDACTED_LINE) {
            return line;
        }
        int space = line.lastIndexOf(' ', LONGEST_REDACTED_LINE);
        int cut = space > LONGEST_REDACTED_LINE / 2 ? space : LONGEST_REDACTED_LINE;
        return line.substring(0, cut) + " [… " + (line.length() - cut) + " more characters]";
    }

    private static String redactRuns(String text) {
        Matcher run = RUN.matcher(text);
        if (!run.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String value = run.group();
            boolean kept = isCommitId(text, run.start(), value) || isReadablePath(value) || !looksSecret(value);
            run.appendReplacement(out, Matcher.quoteReplacement(kept ? value : REDACTED));
        } while (run.find());
        run.appendTail(out);
        return out.toString();
    }

    private static boolean isCommitId(String text, int start, String run) {
        return COMMIT_ID.matcher(run).matches()
                && BEFORE_COMMIT_ID.matcher(text.substring(Math.max(0, start - 40), start)).find();
    }

    /**
     * {@code /home/jenkins/workspace/webapp_PR-12/src/main/java/com/acme/Signup2Service}: compilers and
     * stack traces print such paths, and the agent needs them to find the file. Each part must read as words.
     */
    private static boolean isReadablePath(String run) {
        if (!run.startsWith("/") || run.indexOf('/', 1) < 0) {
            return false;
        }
        for (String part : run.substring(1).split("/")) {
            if ((part.length() >= SHORTEST_SECRET_RUN && HEX.matcher(part).matches())
                    || (mixesCases(part) && !readsAsWords(part))) {
                return false;
            }
        }
        return true;
    }

    /** Hex of that length is a key or a digest; Base64 of random bytes mixes every kind of character. */
    static boolean looksSecret(String run) {
        String body = run.replaceAll("=+$", "");
        return HEX.matcher(body).matches() || mixesCases(body);
    }

    private static boolean mixesCases(String text) {
        return text.chars().anyMatch(Character::isDigit) && text.chars().anyMatch(Character::isUpperCase)
                && text.chars().anyMatch(Character::isLowerCase);
    }

    private static boolean readsAsWords(String part) {
        Matcher word = WORD.matcher(part);
        int words = 0;
        int letters = 0;
        while (word.find()) {
            words++;
            letters += word.group().length();
        }
        return words > 0 && (double) letters / words >= SHORTEST_AVERAGE_WORD;
    }
}

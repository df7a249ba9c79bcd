package io.jenkins.plugins.codegen.fix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes two failures "the same failure": the sorted names of the failed tests, or, when no
 * test failed, a hash of the log excerpt with what changes from build to build stripped (times,
 * numbers, hex ids, the workspace's path). Two builds of a commit that fail the same way get the
 * same signature; a different failing test gives a different one.
 *
 * @param basis {@code tests} or {@code log}: what the hash covers
 * @param hash 16 hex digits of a SHA-256
 */
public record FailureSignature(String basis, String hash) {
    /** The last lines of a log without an error line; few enough that a shifted window rarely matters. */
    static final int FALLBACK_LINES = 20;

    private static final Pattern ERROR_LINE = Pattern.compile(
            "(?i)\\b(error|errors|fail|failed|failure|failures|exception|fatal|panic|traceback|cannot|could not"
                    + "|undefined|not found|denied|refused|segmentation fault)\\b");
    private static final List<Rule> RULES = List.of(
            // Jenkins workspaces, also of other agents and concurrent builds (job@2, job@tmp).
            new Rule("[A-Za-z]:\\\\\\S*?\\\\workspace\\\\[^\\\\\\s]+|/\\S*?/workspace/[^/\\s]+", "<workspace>"),
            new Rule("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}([.,]\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?", "<time>"),
            new Rule("\\b\\d{1,2}:\\d{2}(:\\d{2}([.,]\\d+)?)?\\b", "<time>"),
            new Rule("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b", "<id>"),
            new Rule("\\b(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{7,}\\b|\\b0x[0-9a-fA-F]+\\b", "<id>"),
            new Rule("\\d+", "#"),
            new Rule("\\s+", " "));

    private record Rule(Pattern pattern, String replacement) {
        Rule(String regex, String replacement) {
            this(Pattern.compile(regex), Matcher.quoteReplacement(replacement));
        }
    }

    public FailureSignature {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(hash, "hash");
    }

    /**
     * @param workspace the build's workspace path, stripped from the log; empty when unknown (the
     *        usual Jenkins layouts, {@code .../workspace/<job>}, are stripped anyway)
     */
    public static FailureSignature of(FailureEvidence evidence, String workspace) {
        if (!evidence.failedTests().isEmpty()) {
            TreeSet<String> names = new TreeSet<>();
            evidence.failedTests().forEach(test -> names.add(test.fullName()));
            return new FailureSignature("tests", hash(String.join("\n", names)));
        }
        return new FailureSignature("log", hash(String.join("\n", telling(evidence.log().lines(), workspace))));
    }

    /** e.g. {@code tests:3f2a9c0d1e4b5a67}. */
    public String value() {
        return basis + ":" + hash;
    }

    @Override
    public String toString() {
        return value();
    }

    /**
     * The lines that tell this failure from another: the error lines, sorted and without repeats
     * (so that more or fewer lines above them do not matter), else the last few lines.
     */
    static List<String> telling(List<String> lines, String workspace) {
        List<String> normalized = new ArrayList<>();
        for (String line : lines) {
            String text = normalize(line, workspace);
            if (!text.isEmpty()) {
                normalized.add(text);
            }
        }
        TreeSet<String> errors = new TreeSet<>();
        normalized.stream().filter(line -> ERROR_LINE.matcher(line).find()).forEach(errors::add);
        if (!errors.isEmpty()) {
            return new ArrayList<>(errors);
        }
        return normalized.subList(Math.max(0, normalized.size() - FALLBACK_LINES), normalized.size());
    }

    static String normalize(String line, String workspace) {
        String text = line;
        String root = workspace == null ? "" : workspace.strip();
        if (root.length() > 1) {
            text = text.replace(root, "<workspace>").replace(root.replace('\\', '/'), "<workspace>");
        }
        for (Rule rule : RULES) {
            text = rule.pattern().matcher(text).replaceAll(rule.replacement());
        }
        return text.strip();
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

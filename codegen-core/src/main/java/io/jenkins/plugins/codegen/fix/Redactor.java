package io.jenkins.plugins.codegen.fix;

import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans a line of build output before it may leave the machine: known secrets become
 * {@code ****} (through {@link SecretMasker}, with their encoded forms), the password of a URL
 * becomes {@code [redacted]}, and so does any long run that looks like a secret nobody declared:
 * more than {@value #LONGEST_KEPT_RUN} characters of hex, or of Base64 mixing upper case, lower
 * case and digits (an access key, a signed URL's signature, a private key's body). Redacting a
 * long identifier by mistake costs little; sending a key costs a lot.
 */
public final class Redactor {
    /** What a secret-looking run reads as once redacted. */
    public static final String REDACTED = "[redacted]";
    /** Runs up to this long stay: a git commit's short form, a UUID's part, an ordinary word. */
    static final int LONGEST_KEPT_RUN = 32;

    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9+/_-]{" + (LONGEST_KEPT_RUN + 1) + ",}={0,2}");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
    /** {@code scheme://user:password@host}: git and curl print such URLs when a job embeds credentials. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^\\s/:@]+:)[^\\s/@]+@");

    private final SecretMasker masker;

    private Redactor(SecretMasker masker) {
        this.masker = Objects.requireNonNull(masker, "masker");
    }

    /** @param masker the secrets known by value (the Codegen token, the build's credentials) */
    public static Redactor of(SecretMasker masker) {
        return new Redactor(masker);
    }

    /** Redacts secret-looking runs only: for callers that know no secret by value. */
    public static Redactor withoutKnownSecrets() {
        return new Redactor(SecretMasker.none());
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = URL_PASSWORD.matcher(masker.mask(text)).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
        Matcher run = RUN.matcher(masked);
        StringBuilder out = new StringBuilder(masked.length());
        while (run.find()) {
            run.appendReplacement(out, Matcher.quoteReplacement(looksSecret(run.group()) ? REDACTED : run.group()));
        }
        run.appendTail(out);
        return out.toString();
    }

    /** Hex of that length is a key or a digest; Base64 of random bytes mixes every kind of character. */
    static boolean looksSecret(String run) {
        String body = run.replaceAll("=+$", "");
        if (HEX.matcher(body).matches()) {
            return true;
        }
        return body.chars().anyMatch(Character::isDigit) && body.chars().anyMatch(Character::isUpperCase)
                && body.chars().anyMatch(Character::isLowerCase);
    }
}

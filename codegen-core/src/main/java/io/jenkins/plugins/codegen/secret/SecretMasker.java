package io.jenkins.plugins.codegen.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Replaces a secret, and the encoded forms it could take in a log line (URL-encoded, Base64 of
 * the token alone and of a {@code Bearer} header value), with {@code ****}.
 */
public final class SecretMasker {
    /** What a masked secret reads as. */
    public static final String MASK = "****";

    /** Shorter values would mask ordinary words; such a token is refused by validation anyway. */
    private static final int MIN_LENGTH = 4;

    private static final SecretMasker NONE = new SecretMasker(Set.of());

    private final Set<String> forms;

    private SecretMasker(Set<String> forms) {
        this.forms = forms;
    }

    /** A masker for one secret; masks nothing when the secret is null or too short to mask safely. */
    public static SecretMasker of(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            return NONE;
        }
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        forms.add(Base64.getEncoder().encodeToString(("Bearer " + secret).getBytes(StandardCharsets.UTF_8)));
        return new SecretMasker(Set.copyOf(forms));
    }

    public static SecretMasker none() {
        return NONE;
    }

    public String mask(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String result = text;
        for (String form : forms) {
            result = result.replace(form, MASK);
        }
        return result;
    }
}

package io.jenkins.plugins.codegen.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces a secret, and the encoded forms it could take in a log line (URL-encoded, Base64 of
 * the token alone and of a {@code Bearer} header value), with {@code ****}. One masker may cover
 * several secrets, such as an API token and a proxy password.
 */
public final class SecretMasker {
    /** What a masked secret reads as. */
    public static final String MASK = "****";

    /** Shorter values would mask ordinary words; such a token is refused by validation anyway. */
    private static final int MIN_LENGTH = 4;

    private static final SecretMasker NONE = new SecretMasker(Set.of());

    /** Longest first, so that a secret containing another one is masked whole. */
    private final List<String> forms;

    private SecretMasker(Set<String> forms) {
        this.forms = forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** A masker for one secret; masks nothing when the secret is null or too short to mask safely. */
    public static SecretMasker of(String secret) {
        return of(secret == null ? List.of() : List.of(secret));
    }

    /** A masker for several secrets; null elements and secrets too short to mask safely are skipped. */
    public static SecretMasker of(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.length() < MIN_LENGTH) {
                continue;
            }
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            // A proxy URL's user information writes spaces as %20, not as URLEncoder's +.
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
            forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            forms.add(Base64.getEncoder().encodeToString(("Bearer " + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return forms.isEmpty() ? NONE : new SecretMasker(forms);
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

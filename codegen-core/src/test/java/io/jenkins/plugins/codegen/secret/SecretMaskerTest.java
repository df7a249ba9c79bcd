package io.jenkins.plugins.codegen.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    private static final String TOKEN = "sk-live/abc+def=123";

    @Test
    void masksThePlainAndEncodedForms() {
        SecretMasker masker = SecretMasker.of(TOKEN);
        String encoded = URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
        String header = Base64.getEncoder().encodeToString(("Bearer " + TOKEN).getBytes(StandardCharsets.UTF_8));
        String masked = masker.mask("a " + TOKEN + " b " + encoded + " c " + base64 + " d " + header);
        assertThat(masked).isEqualTo("a **** b **** c **** d ****");
    }

    @Test
    void tooShortOrMissingSecretsMaskNothing() {
        assertThat(SecretMasker.of("abc").mask("abc abcdef")).isEqualTo("abc abcdef");
        assertThat(SecretMasker.of(null).mask("text")).isEqualTo("text");
        assertThat(SecretMasker.none().mask(null)).isNull();
    }
}

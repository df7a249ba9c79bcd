package io.jenkins.plugins.codegen.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
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
    void masksAProxyPasswordInAUrl() {
        SecretMasker masker = SecretMasker.of("p@ss word/1");

        assertThat(masker.mask("raw p@ss word/1 end")).isEqualTo("raw **** end");
        assertThat(masker.mask("form p%40ss+word%2F1")).isEqualTo("form ****");
        assertThat(masker.mask("url http://u:p%40ss%20word%2F1@proxy:3128")).isEqualTo("url http://u:****@proxy:3128");
    }

    @Test
    void masksEverySecretOfSeveral() {
        SecretMasker masker = SecretMasker.of(List.of(TOKEN, "proxy-secret"));

        assertThat(masker.mask("token " + TOKEN + " and proxy-secret and "
                + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8))).isEqualTo("token **** and **** and ****");
    }

    @Test
    void masksASecretThatContainsAnotherOneWhole() {
        SecretMasker masker = SecretMasker.of(List.of("abcd", "xxabcdxx"));

        assertThat(masker.mask("[xxabcdxx] [abcd]")).isEqualTo("[****] [****]");
    }

    @Test
    void tooShortOrMissingSecretsMaskNothing() {
        assertThat(SecretMasker.of("abc").mask("abc abcdef")).isEqualTo("abc abcdef");
        assertThat(SecretMasker.of((String) null).mask("text")).isEqualTo("text");
        assertThat(SecretMasker.none().mask(null)).isNull();
        assertThat(SecretMasker.of(Arrays.asList(null, "ab", TOKEN)).mask("ab " + TOKEN)).isEqualTo("ab ****");
        assertThat(SecretMasker.of(List.of()).mask("nothing to mask")).isEqualTo("nothing to mask");
    }
}

package io.jenkins.plugins.codegen.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Nothing that looks like a secret leaves the machine in a fix's evidence. */
class RedactorTest {
    private static final String TOKEN = "cg-fix-token-29af";
    private final Redactor redactor = Redactor.of(SecretMasker.of(TOKEN));

    @Test
    void aKnownSecretIsMaskedAlsoInItsEncodedForms() {
        String base64 = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));

        assertThat(redactor.redact("curl -H 'Authorization: Bearer " + TOKEN + "' && echo " + base64))
                .isEqualTo("curl -H 'Authorization: Bearer ****' && echo ****");
    }

    @Test
    void longHexAndBase64RunsAreRedacted() {
        String hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        String awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        String urlSafe = "ghp_1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT1uV2wX";

        assertThat(redactor.redact("sha256=" + hex + " key=" + awsSecret + " token " + urlSafe + "=="))
                .isEqualTo("sha256=[redacted] key=[redacted] token [redacted]");
    }

    @Test
    void wordsPathsAndShortIdsStay() {
        String line = "[ERROR] com.acme.webapp.SignupServiceTest.rejectsEmptyEmailAddressesWhenSigningUp at "
                + "src/test/java/com/acme/webapp/SignupServiceTest.java:48 commit 3f2a9c0 run 550e8400-e29b";

        assertThat(redactor.redact(line)).isEqualTo(line);
    }

    @Test
    void aPasswordInAUrlIsRedactedButTheUrlStaysReadable() {
        assertThat(redactor.redact("fatal: unable to access 'https://builder:s3cr3t@git.acme.com/acme/webapp.git/'"))
                .isEqualTo("fatal: unable to access 'https://builder:[redacted]@git.acme.com/acme/webapp.git/'");
    }

    @Test
    void theLogExcerptIsRedactedBeforeLongLinesAreCut() {
        String secret = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0";
        // The secret straddles the cut: cut first, its first 29 characters would be too short to look secret.
        String line = "x".repeat(LogExcerpt.MAX_LINE_LENGTH - 30) + " " + secret;

        LogExcerpt excerpt = LogExcerpt.of(java.util.List.of(line), 1, 10, redactor);

        assertThat(excerpt.lines().get(0)).doesNotContain("A1b2C3d4E5").contains("[redacted]");
    }
}

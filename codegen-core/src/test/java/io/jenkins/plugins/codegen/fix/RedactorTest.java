package io.jenkins.plugins.codegen.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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

    @Test
    void anAuthorizationHeaderIsRedactedWhateverItsValueLooksLike() {
        assertThat(redactor.redact("> Authorization: Basic YnVpbGRlcjpodW50ZXIy"))
                .isEqualTo("> Authorization: Basic [redacted]");
        assertThat(redactor.redact("curl -H 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345' https://x"))
                .isEqualTo("curl -H 'Authorization: Bearer [redacted]' https://x");
    }

    @Test
    void thirtyTwoHexDigitsAreAKey() {
        assertThat(redactor.redact("key 0123456789abcdef0123456789abcdef")).isEqualTo("key [redacted]");
    }

    @Test
    void aPrivateKeyIsRedactedAsAWholeBlockIncludingItsShortLastLine() {
        List<String> lines = List.of("Loading key",
                "-----BEGIN RSA PRIVATE KEY-----",
                "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
                "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK",
                "5pCxeTVm3w==",
                "-----END RSA PRIVATE KEY-----",
                "Permission denied (publickey).");

        assertThat(redactor.redactLines(lines)).containsExactly("Loading key", "-----BEGIN RSA PRIVATE KEY-----",
                Redactor.REDACTED, "-----END RSA PRIVATE KEY-----", "Permission denied (publickey).");
    }

    @Test
    void theEndOfAPrivateKeyWhoseStartWasCutOffTakesItsLastLinesWithIt() {
        List<String> lines = List.of("VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK",
                "5pCxeTVm3w==", "-----END EC PRIVATE KEY-----", "done");

        assertThat(redactor.redactLines(lines)).containsExactly(Redactor.REDACTED, "-----END EC PRIVATE KEY-----",
                "done");
    }

    @Test
    void aPasswordContainingAtAndColonIsRedactedWhole() {
        assertThat(redactor.redact("GET https://deploy:p@ss:w0rd@nexus.acme.com/repo/"))
                .isEqualTo("GET https://deploy:[redacted]@nexus.acme.com/repo/");
    }

    @Test
    void aCommitIdAfterCommitRevisionOrHeadStaysReadableElsewhereA40HexRunIsRedacted() {
        String sha = "3f2a9c0d1e4b5a67f8091a2b3c4d5e6f70819a2b";

        assertThat(redactor.redact("commit " + sha)).isEqualTo("commit " + sha);
        assertThat(redactor.redact("Checking out Revision " + sha + " (origin/main)"))
                .isEqualTo("Checking out Revision " + sha + " (origin/main)");
        assertThat(redactor.redact("export API_KEY " + sha)).isEqualTo("export API_KEY [redacted]");
    }

    @Test
    void anAbsolutePathStaysReadableEvenWithDigitsAndCapitals() {
        String line = "/home/jenkins/agent/workspace/webapp_PR-12/src/main/java/com/acme/Signup2Service.java:31: error";

        assertThat(redactor.redact(line)).isEqualTo(line);
    }
}

package io.jenkins.plugins.codegen.fix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Log lines that carry a credential, in the shapes builds really print them, with fake values made
 * here (a fixed seed, so that a failure names the same value every run). Each entry says which parts
 * are secret: none of them, nor any 8 characters of one, may leave the machine.
 */
final class SecretCorpus {
    /** A leak of this many characters of a secret already narrows it down. */
    static final int WINDOW = 8;

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String HEX = "0123456789abcdef";
    private static final String BASE64 = ALNUM + "+/";
    private static final String URL_SAFE = ALNUM + "_-";

    /** @param text one or more lines as the log has them; @param secrets the parts that must not leak */
    record Entry(String label, String text, List<String> secrets) {
        List<String> lines() {
            return List.of(text.split("\n", -1));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Random random = new Random(21);
    private final List<Entry> entries = new ArrayList<>();

    static List<Entry> entries() {
        return new SecretCorpus().build();
    }

    private List<Entry> build() {
        String ghp = "ghp_" + fake(ALNUM, 36);
        add("GitHub classic token, bare", "remote: Invalid username or token " + ghp + ".", ghp.substring(4));
        String pat = "github_pat_" + fake(ALNUM, 22) + "_" + fake(ALNUM, 59);
        add("GitHub fine-grained token in a header", "+ curl -H 'Authorization: token " + pat + "' https://api.github.com/user",
                pat.substring(11));
        String ghs = "ghs_" + fake(ALNUM, 36);
        add("GitHub app token in a clone URL", "Cloning into 'webapp'... https://x-access-token:" + ghs
                + "@github.com/acme/webapp.git", ghs.substring(4));
        String akia = "AKIA" + fake(UPPER_DIGITS, 16);
        add("AWS access key id, bare", "Using AWS access key " + akia + " for s3://acme-artifacts", akia.substring(4));
        String awsSecret = fake(BASE64, 40);
        add("AWS secret in an env dump", "AWS_SECRET_ACCESS_KEY=" + awsSecret, awsSecret);
        String awsIni = fake(BASE64, 40);
        add("AWS credentials file", "aws_secret_access_key = " + awsIni, awsIni);
        String xoxb = "xoxb-" + fake("0123456789", 12) + "-" + fake("0123456789", 13) + "-" + fake(ALNUM, 24);
        add("Slack bot token", "slackSend failed with " + xoxb, xoxb.substring(5));
        String xoxp = "xoxp-" + fake("0123456789", 11) + "-" + fake("0123456789", 11) + "-" + fake(HEX, 32);
        add("Slack user token", "slack: posting as " + xoxp, xoxp.substring(5));
        String hook = "T" + fake(UPPER_DIGITS, 10) + "/B" + fake(UPPER_DIGITS, 10) + "/" + fake(ALNUM, 24);
        add("Slack webhook URL", "POST https://hooks.slack.com/services/" + hook + " returned 404", hook);
        String jwt = "eyJhbGciOiJIUzI1NiJ9." + b64url("{\"sub\":\"" + fake(ALNUM, 6) + "\"}") + "." + fake(URL_SAFE, 43);
        add("JWT", "Request failed; token " + jwt + " expired", jwt.substring(21));
        String npm = "npm_" + fake(ALNUM, 36);
        add("npm token in .npmrc", "//registry.npmjs.org/:_authToken=" + npm, npm.substring(4));
        String npmLegacy = fake(HEX, 8) + "-" + fake(HEX, 4) + "-" + fake(HEX, 4) + "-" + fake(HEX, 4) + "-" + fake(HEX, 12);
        add("npm legacy token (a UUID)", "_authToken=" + npmLegacy, npmLegacy);
        String glpat = "glpat-" + fake(URL_SAFE, 20);
        add("GitLab token in a header", "< Private-Token: " + glpat, glpat.substring(6));
        String glpatBare = "glpat-" + fake(URL_SAFE, 20);
        add("GitLab token, bare", "Token " + glpatBare + " was revoked", glpatBare.substring(6));
        String aiza = "AIza" + fake(URL_SAFE, 35);
        add("Google API key", "GET https://maps.googleapis.com/maps/api/geocode/json?address=x&key=" + aiza, aiza.substring(4));
        String stripe = "sk_live_" + fake(ALNUM, 24);
        add("Stripe live key", "Stripe::AuthenticationError: Invalid API Key provided: " + stripe, stripe.substring(8));
        pem("RSA");
        pem("EC");
        pem("OPENSSH");
        String pkcs8 = fake(BASE64, 64);
        add("Private key in a service-account JSON", "{\"type\": \"service_account\", \"private_key\": "
                + "\"-----BEGIN PRIVATE KEY-----\\n" + pkcs8 + "\\nQ2xv" + "==\\n-----END PRIVATE KEY-----\\n\"}", pkcs8);
        String basic = fake(ALNUM, 12);
        add("Basic auth URL", "fatal: unable to access 'https://builder:" + basic + "@git.acme.com/acme/webapp.git/'", basic);
        String withAt = fake(ALNUM, 6) + "@" + fake(ALNUM, 6);
        add("URL password with @", "Downloading from nexus: https://deploy:" + withAt + "@nexus.acme.com/repository/maven/",
                withAt.substring(0, 6), withAt.substring(7));
        String withColon = fake(ALNUM, 6) + ":" + fake(ALNUM, 6) + "@" + fake(ALNUM, 6);
        add("URL password with : and @", "git fetch https://ci:" + withColon + "@bitbucket.acme.com/scm/web.git",
                withColon.substring(0, 6), withColon.substring(7, 13), withColon.substring(14));
        String netrc = fake(ALNUM, 14);
        add(".netrc line", "machine github.com login builder password " + netrc, netrc);
        String netrcLine = fake(ALNUM, 14);
        add(".netrc, one field a line", "machine github.com\n  login builder\n  password " + netrcLine, netrcLine);
        String docker = fake(ALNUM, 16);
        add("docker login -p", "+ docker login -u builder -p " + docker + " registry.acme.com", docker);
        String dockerLong = fake(ALNUM, 16);
        add("docker login --password", "+ docker login --username builder --password " + dockerLong + " ghcr.io", dockerLong);
        String json = fake(ALNUM, 8) + " " + fake(ALNUM, 6);
        add("JSON password", "Posting {\"username\": \"builder\", \"password\": \"" + json + "\"}", json.substring(0, 8),
                json.substring(9));
        String yaml = fake(ALNUM, 15);
        add("YAML password", "    password: " + yaml, yaml);
        String mysql = fake(ALNUM, 8) + "!" + fake(ALNUM, 6);
        add("mysql -p'...'", "+ mysql -u root -p'" + mysql + "' webapp < schema.sql", mysql.substring(0, 8),
                mysql.substring(9));
        String mysqlBare = fake(ALNUM, 12);
        add("mysqldump -p...", "+ mysqldump -uroot -p" + mysqlBare + " webapp", mysqlBare);
        String basicHeader = b64("builder:" + fake(ALNUM, 10));
        add("curl -v Basic header", "> Authorization: Basic " + basicHeader, basicHeader);
        String bearer = fake(ALNUM, 32);
        add("Bearer of 32 characters", "> Authorization: Bearer " + bearer, bearer);
        String proxy = b64("proxy:" + fake(ALNUM, 10));
        add("Proxy-Authorization header", "Proxy-Authorization: Basic " + proxy, proxy);
        String hex32 = fake(HEX, 32);
        add("32 hex digits", "Using Datadog key " + hex32 + " for metrics", hex32);
        String dbPassword = fake(ALNUM, 10);
        add("*_PASSWORD= in an env dump", "DB_PASSWORD=" + dbPassword, dbPassword);
        String tokenEnv = fake(ALNUM, 20);
        add("*_TOKEN= in set -x output", "+ export SONAR_TOKEN=" + tokenEnv, tokenEnv);
        String clientSecret = fake(ALNUM, 24);
        add("*_SECRET= in a Maven property", "[INFO] -Doauth.client_secret=" + clientSecret, clientSecret);
        String jdbc = fake(ALNUM, 11);
        add("password= in a JDBC URL", "jdbc:postgresql://db:5432/app?user=app&password=" + jdbc + "&ssl=true", jdbc);
        String cookie = fake(HEX, 24);
        add("Set-Cookie header", "< Set-Cookie: JSESSIONID=" + cookie + "; Path=/; HttpOnly", cookie);
        String apiKeyHeader = fake(ALNUM, 24);
        add("X-Api-Key header", "-H \"X-Api-Key: " + apiKeyHeader + "\"", apiKeyHeader);
        String vault = "hvs." + fake(ALNUM, 24);
        add("Vault token", "vault login " + vault, vault.substring(4));
        String sendgrid = "SG." + fake(URL_SAFE, 22) + "." + fake(URL_SAFE, 43);
        add("SendGrid key", "mail relay refused key " + sendgrid, sendgrid.substring(3, 25));
        String jsonToken = fake(ALNUM, 20);
        add("JSON token without spaces", "{\"access_token\":\"" + jsonToken + "\",\"expires_in\":3600}", jsonToken);
        return entries;
    }

    private void pem(String type) {
        String header = "-----BEGIN " + type + " PRIVATE KEY-----";
        List<String> body = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            body.add(fake(BASE64, 64));
        }
        // The last line of a key is short: too short, on its own, to look like a secret.
        body.add(fake(BASE64, 9) + "=");
        add("PEM " + type + " block", "Loading deploy key:\n" + header + "\n" + String.join("\n", body)
                + "\n-----END " + type + " PRIVATE KEY-----\nPermission denied (publickey).", body.toArray(String[]::new));
    }

    private void add(String label, String text, String... secrets) {
        entries.add(new Entry(label, text, List.of(secrets)));
    }

    private String fake(String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The 8-character windows of a secret found in {@code text}: empty when nothing of it leaked. */
    static List<String> leaks(String text, List<String> secrets) {
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            int window = Math.min(WINDOW, secret.length());
            for (int i = 0; i + window <= secret.length(); i++) {
                String part = secret.substring(i, i + window);
                if (text.contains(part)) {
                    found.add(part);
                }
            }
        }
        return found;
    }

    /**
     * Ordinary lines of build logs, which the agent needs to read as they are: Maven, Gradle, npm,
     * pytest and Jest output, Java and Python stack traces, git and Jenkins lines with commit ids.
     */
    static List<String> ordinaryLines() {
        return List.of(
                "[INFO] BUILD FAILURE",
                "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) "
                        + "on project webapp: There are test failures.",
                "[ERROR] Tests run: 42, Failures: 1, Errors: 0, Skipped: 2, Time elapsed: 3.141 s <<< FAILURE! -- in "
                        + "com.acme.webapp.SignupServiceTest",
                "[ERROR]   SignupServiceTest.rejectsEmptyEmail:48 expected: <400> but was: <201>",
                "Downloaded from central: https://repo.maven.apache.org/maven2/org/junit/jupiter/junit-jupiter-api/5.10.2/"
                        + "junit-jupiter-api-5.10.2.jar (211 kB at 1.2 MB/s)",
                "/home/jenkins/agent/workspace/webapp_PR-12/src/main/java/com/acme/webapp/SignupService.java:31: error: "
                        + "cannot find symbol",
                "> Task :app:compileJava FAILED",
                "Execution failed for task ':app:test'.",
                "> Could not GET 'https://maven.pkg.github.com/acme/libs/com/acme/core/1.4.0/core-1.4.0.pom'. Received "
                        + "status code 401 from server: Unauthorized",
                "npm ERR! code ELIFECYCLE",
                "npm ERR! webapp@1.4.0 test: `jest --ci --reporters=default --reporters=jest-junit`",
                "added 1203 packages, and audited 1204 packages in 14s",
                "FAIL src/components/SignupForm.test.tsx",
                "    SyntaxError: Unexpected token: } in JSON at position 12",
                "FAILED tests/test_signup.py::test_rejects_empty_email - AssertionError: assert 201 == 400",
                "=================== 1 failed, 41 passed, 2 skipped in 3.14s ===================",
                "E       KeyError: 'token'",
                "    at com.acme.webapp.SignupService.register(SignupService.java:57)",
                "Caused by: java.sql.SQLException: Access denied for user 'app'@'10.0.0.5' (using password: YES)",
                "Caused by: java.lang.IllegalArgumentException: token: must not be blank",
                "Checking out Revision 3f2a9c0d1e4b5a67f8091a2b3c4d5e6f70819a2b (refs/remotes/origin/main)",
                " > git checkout -f 3f2a9c0d1e4b5a67f8091a2b3c4d5e6f70819a2b # timeout=10",
                " > git rev-list --no-walk 8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c # timeout=10",
                "Obtained Jenkinsfile from 3f2a9c0d1e4b5a67f8091a2b3c4d5e6f70819a2b",
                "commit 3f2a9c0d1e4b5a67f8091a2b3c4d5e6f70819a2b",
                "HEAD is now at 3f2a9c0 Add signup validation",
                "Request 550e8400-e29b-41d4-a716-446655440000 failed after 3 attempts",
                "[Pipeline] { (Build)",
                "+ ./mvnw -B -Dmaven.test.failure.ignore=false verify",
                "Finished: FAILURE");
    }
}

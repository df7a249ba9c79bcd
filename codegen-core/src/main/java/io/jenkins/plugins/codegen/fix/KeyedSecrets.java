package io.jenkins.plugins.codegen.fix;

import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets a line names or shapes unmistakably, whatever their value looks like: the value of an
 * {@code Authorization} or cookie header, of a key such as {@code *_TOKEN=}, {@code *_SECRET=},
 * {@code password=}, {@code "password": "..."} or {@code password: ...}, of an option such as
 * {@code --password x}, the password of a URL, of a {@code .netrc} line, of {@code docker login -p}
 * and {@code mysql -p}, a private key written on one line, and the tokens whose prefix says what
 * they are (GitHub, GitLab, Slack, AWS, Google, Stripe, npm, Vault, SendGrid, JWT). A short or
 * ordinary-looking password is caught here or not at all: by its length and mix of characters
 * alone it could be any word.
 *
 * <p>Every pattern is linear in the line's length: a key starts where no key character precedes
 * it, so a long run is scanned once, not once per character.
 */
final class KeyedSecrets {
    private static final String R = Redactor.REDACTED;

    /** The end of a key's name that makes its value a secret: {@code DB_PASSWORD}, {@code _authToken}. */
    private static final String SECRET_KEY_END = "(?:pass(?:word|wd|phrase)|(?<![A-Za-z0-9])pwd|secret|token"
            + "|api[_-]?key|access[_-]?key|secret[_-]?key|private[_-]?key|account[_-]?key|credentials?|_auth"
            + "|sonar\\.login)";
    private static final Pattern PASSWORD = Pattern.compile("(?i)pass(?:word|wd|phrase)");
    private static final Pattern MYSQL_USING_PASSWORD = Pattern.compile("(?i)password: (?:YES|NO)\\)?");
    private static final String KEY_CHARS = "[A-Za-z0-9_.-]";
    private static final String QUOTED_OR_WORD = "\"[^\"]*\"|'[^']*'";

    private static final Pattern PRIVATE_KEY_ON_ONE_LINE = Pattern.compile(
            "(" + PrivateKeyBlocks.BEGIN + ")(.+?)(" + PrivateKeyBlocks.END + "|$)");
    /** {@code scheme://user:password@host}; the password may hold {@code @} and {@code :}, so up to the last {@code @}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*://[^\\s/:@'\"]+:)[^\\s/'\"]*@");
    private static final Pattern WEBHOOK = Pattern.compile(
            "(?i)(https?://(?:hooks\\.slack\\.com/services|discord(?:app)?\\.com/api/webhooks)/)[^\\s'\"]+");
    private static final Pattern HEADER = Pattern.compile("(?i)(?<![A-Za-z0-9-])((?:proxy-)?authorization|(?:set-)?cookie)"
            + "([\"']?\\s*[:=]\\s*[\"']?)((?:basic|bearer|token|digest|negotiate|ntlm|aws4-hmac-sha256|apikey|sso-key)\\s+)?"
            + "([^\"'\\r\\n]+)");
    /** YAML: the value is the rest of the line, spaces and all. */
    private static final Pattern YAML = Pattern.compile("(?i)^(\\s*(?:-\\s+)?[\"']?" + KEY_CHARS + "*?" + SECRET_KEY_END
            + "[\"']?\\s*:\\s+)(?![\"'|>])(\\S.*)$");
    private static final Pattern KEYED = Pattern.compile("(?i)(?<!" + KEY_CHARS + ")(" + KEY_CHARS + "*?)("
            + SECRET_KEY_END + ")([\"']?)(\\s*[=:]\\s*)(" + QUOTED_OR_WORD + "|[^\\s\"',;&}]+)");
    private static final Pattern OPTION = Pattern.compile("(?i)(?<!\\S)(--?(?:[a-z0-9]+-)*(?:password|passwd|passphrase"
            + "|token|secret|api-?key|access-key|secret-key|client-secret)\\s+)(" + QUOTED_OR_WORD + "|(?!-)\\S+)");
    private static final Pattern QUOTED_P = Pattern.compile("(?<!\\S)(-p)(" + QUOTED_OR_WORD + ")");
    /** Clients whose {@code -p} is followed by the password: {@code docker login -p x}, {@code sshpass -p x}. */
    private static final Pattern REGISTRY_CLIENT = Pattern.compile(
            "(?i)\\b(?:docker|podman|buildah|skopeo|nerdctl|helm|oras)\\b");
    private static final Pattern LOGIN = Pattern.compile("(?i)\\blogin(?=\\s|$)");
    private static final Pattern SSHPASS = Pattern.compile("(?i)\\bsshpass\\b");
    private static final Pattern SPACED_P = Pattern.compile("(?<!\\S)(-p\\s+)(\\S+)");
    /** MySQL's clients take the password glued to {@code -p}: {@code mysql -uroot -ps3cret}. */
    private static final Pattern MYSQL_COMMAND = Pattern.compile("(?i)\\bmysql(?:dump|admin|import|sh|slap|check)?\\b");
    private static final Pattern GLUED_P = Pattern.compile("(?<!\\S)(-p)([^\\s'\"]\\S*)");
    /** A {@code .netrc} entry: {@code machine host login user password secret}. */
    private static final Pattern NETRC_ENTRY = Pattern.compile("(?i)\\b(?:machine|default|login)\\s");
    private static final Pattern NETRC_PASSWORD = Pattern.compile("(?i)(\\bpassword\\s+)(\\S+)");
    private static final Pattern NETRC_FIELD = Pattern.compile("(?i)^(\\s*password\\s+)(\\S+)(\\s*)$");
    private static final Pattern SIGNED_URL = Pattern.compile("(?i)([?&](?:sig|signature|key|x-amz-signature"
            + "|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential)=)([^&\\s'\"#]+)");

    /** Tokens whose prefix names their issuer; the rest is random, of any length a log may show. */
    private static final Pattern SHAPED = Pattern.compile("(?:" + String.join("|", List.of(
            "\\bgh[pousr]_[A-Za-z0-9]{20,}",
            "\\bgithub_pat_[A-Za-z0-9_]{20,}",
            "\\bgl(?:pat|dt|ptt|rt|cbt|imt|soat|ffct|agent|oas|ft|wt)-[A-Za-z0-9_-]{20,}",
            "\\bxox[abposre]-[A-Za-z0-9-]{10,}",
            "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}\\b",
            "\\bAIza[0-9A-Za-z_-]{35}",
            "\\bya29\\.[0-9A-Za-z_-]{20,}",
            "\\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{10,}",
            "\\bnpm_[A-Za-z0-9]{36}",
            "\\bdckr_pat_[A-Za-z0-9_-]{20,}",
            "\\bhv[sbr]\\.[A-Za-z0-9_-]{20,}",
            "\\bSG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}",
            "\\bsq[uap]_[0-9a-f]{40}",
            "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*",
            "(?i:\\bbearer)\\s+[A-Za-z0-9._~+/-]{8,}")) + ")={0,2}");

    private KeyedSecrets() {
    }

    /** The line with every named or shaped secret redacted; long anonymous runs are {@link Redactor}'s. */
    static String redactNamed(String line) {
        String text = replace(PRIVATE_KEY_ON_ONE_LINE, line, m -> m.group(1) + R + m.group(3));
        text = replace(URL_PASSWORD, text, m -> m.group(1) + R + "@");
        text = replace(WEBHOOK, text, m -> m.group(1) + R);
        text = replace(HEADER, text, m -> m.group(1) + m.group(2) + (m.group(3) == null ? "" : m.group(3))
                + (masked(m.group(4).strip()) ? m.group(4) : R));
        text = replace(YAML, text, m -> m.group(1) + R);
        text = redactKeyed(text);
        text = replace(OPTION, text, m -> m.group(1) + quoted(m.group(2)));
        text = replace(QUOTED_P, text, m -> m.group(1) + quoted(m.group(2)));
        if ((REGISTRY_CLIENT.matcher(text).find() && LOGIN.matcher(text).find()) || SSHPASS.matcher(text).find()) {
            text = replace(SPACED_P, text, m -> m.group(1) + R);
        }
        if (MYSQL_COMMAND.matcher(text).find()) {
            text = replace(GLUED_P, text, m -> m.group(1) + R);
        }
        Matcher netrc = NETRC_ENTRY.matcher(text);
        if (netrc.find()) {
            text = text.substring(0, netrc.start())
                    + replace(NETRC_PASSWORD, text.substring(netrc.start()), m -> m.group(1) + R);
        }
        text = replace(NETRC_FIELD, text, m -> m.group(1) + R + m.group(3));
        return replace(SIGNED_URL, text, m -> m.group(1) + R);
    }

    /** Tokens known by their prefix, also those too short, or too regular, for the rule on long runs. */
    static String redactShaped(String line) {
        return replace(SHAPED, line, m -> R);
    }

    private static String redactKeyed(String text) {
        Matcher m = KEYED.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            boolean quotedKey = !m.group(3).isEmpty();
            boolean colon = m.group(4).contains(":");
            // "Unexpected token: }" is a parser's message, not a setting: after a word other than a
            // password's, a colon counts only after a quoted key, a prefixed one (api_token:) or a key
            // that starts a line or an object. MySQL's "(using password: YES)" says whether one was sent.
            boolean password = PASSWORD.matcher(m.group(2)).matches() && !(MYSQL_USING_PASSWORD.matcher(m.group())
                    .matches() && m.start() >= 6 && text.startsWith("using ", m.start() - 6));
            // https://x-access-token:<password>@host: the URL's rule has redacted the password already.
            boolean urlUser = colon && m.start() >= 2 && text.startsWith("//", m.start() - 2);
            boolean setting = !urlUser && (!colon || quotedKey || !m.group(1).isEmpty() || password || startsEntry(text, m.start()));
            String replacement = setting ? m.group(1) + m.group(2) + m.group(3) + m.group(4) + quoted(m.group(5))
                    : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** At the start of a line (or of a YAML list item), or of a JSON object's or array's entry. */
    private static boolean startsEntry(String text, int keyStart) {
        int i = keyStart - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i >= 0 && text.charAt(i) == '-' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
            i--;
            while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
                i--;
            }
        }
        return i < 0 || text.charAt(i) == '{' || text.charAt(i) == ',' || text.charAt(i) == '[';
    }

    /** A quoted value keeps its quotes, so that the line still reads as the code or JSON it was. */
    private static String quoted(String value) {
        if (masked(value.replaceAll("^([\"'])(.*)\\1$", "$2"))) {
            return value;
        }
        char first = value.charAt(0);
        if ((first == '"' || first == '\'') && value.length() >= 2 && value.charAt(value.length() - 1) == first) {
            return first + R + first;
        }
        return R;
    }

    /** A known secret already masked says more as {@code ****} than as {@code [redacted]}. */
    private static boolean masked(String value) {
        return value.equals(SecretMasker.MASK) || value.equals(R);
    }

    private static String replace(Pattern pattern, String text, Function<MatchResult, String> replacement) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        matcher.reset();
        return matcher.replaceAll(m -> Matcher.quoteReplacement(replacement.apply(m)));
    }
}

package io.jenkins.plugins.codegen.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import io.jenkins.plugins.codegen.testing.TestPython;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An agent's log reaches the console two ways: through the bridge ({@code clean_text} in
 * codegen_bridge.py, then the engine's {@link AgentLogEntry}) with {@code codegenTask}, and through
 * the watcher ({@link AgentLogEntry} only) with {@code codegenWait}. One rule must hold on both:
 * {@link AgentLogEntry#clean} is the reference, and the bridge's function must blank exactly the
 * same characters, every code point checked, and give the same console text for a corpus of
 * hostile and ordinary lines.
 */
class AgentLogCleaningParityTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path BRIDGE = Path.of("src", "main", "resources", "io", "jenkins", "plugins", "codegen",
            "bridge").toAbsolutePath();
    private static final String SCRIPT = String.join("\n",
            "import json, sys",
            "from codegen_bridge import clean_text",
            "corpus = json.loads(sys.stdin.buffer.read().decode('utf-8'))",
            "codes = [c for c in range(0x110000) if not 0xD800 <= c < 0xE000]",
            "# 'x' between the characters: no two blanks meet, so each keeps its position",
            "out = clean_text('a' + 'x'.join(chr(c) for c in codes) + 'b')",
            "blank = [c for i, c in enumerate(codes) if out[1 + 2 * i] == ' ']",
            "print(json.dumps({'blank': blank, 'cleaned': [clean_text(s, None, 1000) for s in corpus]}))");

    /** Lines an agent (or whoever controls the text it reads) could write, and ordinary ones. */
    private static final List<String> CORPUS = List.of(
            "Checking access: \u202eresu\u202c if isAdmin \u2066// only admins\u2069 {",
            "\u2067RTL isolate\u2069 then \u2068first strong\u2069 and \u202aLRE\u202c \u202bRLE\u202c \u202dLRO\u202c",
            "marks: \u200eLRM \u200fRLM \u061cALM end",
            "Ran\ttests\n\u001b[31mFAILED\u001b[0m\r\n  next\u2028line\u2029para\u0085NEL\u009b2J",
            "no\u00a0break\u2007figure\u202fnarrow\u3000ideographic\u1680ogham\u205fmath\u2000en\u200ahair",
            "   leading and trailing blanks \u00a0\u3000",
            "Read src/main/java/App.java (42 lines) and ran `mvn -q test`: 3 tests, 0 failures.",
            "修复了登录页面的输入验证问题，并添加了单元测试。",
            "emoji \ud83d\ude80 and a flag \ud83c\uddef\ud83c\uddf5 and a family "
                    + "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
            "zero\u200bwidth space and joiner\u200d and non-joiner\u200c and BOM\ufeff stay",
            "combining: e\u0301 a\u0308 n\u0303",
            "word ".repeat(400),
            "\u202e".repeat(1200) + "x",
            "\u4e00".repeat(995) + "\u202e\u202e\u202e\u202e\u202e\u202e\u202e\u202e tail");

    private static JsonNode python;

    @BeforeAll
    static void runTheBridgesFunction() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(TestPython.interpreter(), "-c", SCRIPT);
        builder.environment().put("PYTHONPATH", BRIDGE.toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(MAPPER.writeValueAsBytes(CORPUS));
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        python = MAPPER.readTree(out);
    }

    private static List<Integer> javaBlanks() {
        List<Integer> blank = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                continue;
            }
            if (AgentLogEntry.clean("a" + Character.toString(c) + "b", 10).equals("a b")) {
                blank.add(c);
            }
        }
        return blank;
    }

    @Test
    void bothBlankExactlyTheSameCharacters() {
        List<Integer> bridge = new ArrayList<>();
        python.get("blank").forEach(c -> bridge.add(c.asInt()));
        List<Integer> engine = javaBlanks();

        assertThat(bridge).as("code points the bridge blanks").containsExactlyElementsOf(engine);
        assertThat(engine).as("the bidirectional controls, blanked")
                .contains(0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
                        0x2069)
                .as("Unicode's spaces and separators, blanked").contains(0x00A0, 0x1680, 0x2007, 0x202F, 0x3000)
                .as("invisible characters that do not reorder a line, kept").doesNotContain(0x200B, 0x200C, 0x200D,
                        0xFEFF);
    }

    @Test
    void theConsoleShowsTheSameThoughtThroughTheBridgeAndThroughTheWatcher() {
        for (int i = 0; i < CORPUS.size(); i++) {
            String raw = CORPUS.get(i);
            String fromBridge = python.get("cleaned").get(i).asText();
            AgentLogEntry watcher = AgentLogEntry.of(i, null, null, "read_file", raw, SecretMasker.none());
            AgentLogEntry bridge = AgentLogEntry.of(i, null, null, "read_file", fromBridge, SecretMasker.none());

            assertThat(bridge.consoleLine()).as("entry %d", i).isEqualTo(watcher.consoleLine());
            assertThat(bridge.thought()).as("entry %d", i).isEqualTo(watcher.thought());
            if (raw.codePoints().allMatch(Character::isBmpCodePoint)) {
                // Where characters and UTF-16 units are one, the bridge's own text is the reference's too.
                assertThat(fromBridge).as("entry %d", i).isEqualTo(watcher.thought());
            }
            assertThat(watcher.consoleLine()).as("entry %d", i).doesNotContainPattern(
                    "[\\p{Cntrl}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]");
        }
    }
}

package io.jenkins.plugins.codegen.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path temp;

    private void append(String text) throws Exception {
        Files.writeString(temp.resolve(BridgeFiles.EVENTS), text, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void aLineStillBeingWrittenWaitsForItsLineBreak() throws Exception {
        LocalBridgeFolder folder = new LocalBridgeFolder(temp);
        EventLog log = new EventLog(1024, 0);
        assertThat(log.poll(folder)).isEmpty(); // no file yet
        append("{\"event\":\"start\"}\n{\"event\":\"cre");
        assertThat(log.poll(folder)).containsExactly("{\"event\":\"start\"}");
        assertThat(log.offset()).isEqualTo(18);
        assertThat(log.poll(folder)).isEmpty();
        append("ated\",\"run_id\":7}\r\n");
        assertThat(log.poll(folder)).containsExactly("{\"event\":\"created\",\"run_id\":7}");
        assertThat(log.poll(folder)).isEmpty();
    }

    @Test
    void multiByteTextSplitAcrossReadsArrivesWhole() throws Exception {
        LocalBridgeFolder folder = new LocalBridgeFolder(temp);
        EventLog log = new EventLog(1024, 0);
        byte[] line = "{\"message\":\"caf\u00e9 \u2713\"}\n".getBytes(StandardCharsets.UTF_8);
        Files.write(temp.resolve(BridgeFiles.EVENTS), java.util.Arrays.copyOf(line, line.length - 4));
        assertThat(log.poll(folder)).isEmpty();
        Files.write(temp.resolve(BridgeFiles.EVENTS), line);
        assertThat(log.poll(folder)).containsExactly("{\"message\":\"caf\u00e9 \u2713\"}");
    }

    @Test
    void followingPicksUpAtASavedOffset() throws Exception {
        append("one\ntwo\nthree\n");
        EventLog log = new EventLog(1024, 4);
        assertThat(log.poll(new LocalBridgeFolder(temp))).containsExactly("two", "three");
    }

    @Test
    void manyLinesAreReadInWindowsOfOneLineEach() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append("line ").append(i).append('\n');
        }
        append(text.toString());
        assertThat(new EventLog(16, 0).poll(new LocalBridgeFolder(temp))).hasSize(100).endsWith("line 99");
    }

    @Test
    void aLineBeyondTheLimitIsRefused() throws Exception {
        append("x".repeat(100));
        EventLog log = new EventLog(64, 0);
        assertThatThrownBy(() -> log.poll(new LocalBridgeFolder(temp)))
                .isInstanceOf(EventLog.OverLimit.class).hasMessageContaining("longer than 64 bytes");
    }

    @Test
    void readsFromTheEndWithANegativeOffset() throws Exception {
        append("0123456789");
        LocalBridgeFolder folder = new LocalBridgeFolder(temp);
        assertThat(folder.read(BridgeFiles.EVENTS, -4, 100)).asString().isEqualTo("6789");
        assertThat(folder.read(BridgeFiles.EVENTS, -40, 3)).asString().isEqualTo("012");
        assertThat(folder.read(BridgeFiles.EVENTS, 10, 3)).isEmpty();
        assertThat(folder.read("missing", 0, 3)).isNull();
    }
}

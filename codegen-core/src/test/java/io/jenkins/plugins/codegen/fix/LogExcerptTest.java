package io.jenkins.plugins.codegen.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The part of a console log a fix sends. */
class LogExcerptTest {
    private final Redactor redactor = Redactor.withoutKnownSecrets();

    @Test
    void keepsTheLastLinesOfALongLogAndCountsTheRest() throws Exception {
        String log = IntStream.rangeClosed(1, 1000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));

        LogExcerpt excerpt = LogExcerpt.read(new StringReader(log + "\n\n\n"), 200, redactor);

        assertThat(excerpt.lines()).hasSize(200).startsWith("line 801").endsWith("line 1000");
        assertThat(excerpt.totalLines()).isEqualTo(1002);
    }

    @Test
    void colorsConsoleNotesAndOverwrittenProgressAreRemoved() throws Exception {
        String log = "\u001B[8mha:////4HxLCAAAAAAAAP9b\u001B[0m[Pipeline] sh\n"
                + "\u001B[1;31m[ERROR]\u001B[0m build failed\n"
                + "tab\there\u0007\n";

        LogExcerpt excerpt = LogExcerpt.read(new StringReader(log), 10, redactor);

        assertThat(excerpt.lines()).containsExactly("[Pipeline] sh", "[ERROR] build failed", "tab here");
    }

    @Test
    void aLineAProgressBarRewroteShowsWhatATerminalShowedLast() {
        LogExcerpt excerpt = LogExcerpt.of(java.util.List.of("Downloading 10%\rDownloading 55%\rDownloaded\r"), 1, 10,
                redactor);

        assertThat(excerpt.lines()).containsExactly("Downloaded");
    }

    @Test
    void aVeryLongLineIsCutAndSaysHowMuchWasLeftOut() throws Exception {
        LogExcerpt excerpt = LogExcerpt.read(new StringReader("a ".repeat(2000)), 10, redactor);

        assertThat(excerpt.lines().get(0)).hasSizeLessThan(LogExcerpt.MAX_LINE_LENGTH + 40)
                .endsWith("[… 3499 more characters]");
    }

    @Test
    void theNumberOfLinesIsBounded() {
        assertThatThrownBy(() -> LogExcerpt.read(new StringReader("x"), 0, redactor))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 5000");
    }
}

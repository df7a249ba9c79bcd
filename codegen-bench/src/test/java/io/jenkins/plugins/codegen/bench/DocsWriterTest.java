package io.jenkins.plugins.codegen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's section of docs/performance.md is written on its own and survives a rewrite of the rest. */
class DocsWriterTest {
    private static final Machine MACHINE = new Machine(2, "cpu", "os", "jdk", 1L << 30,
            new Interpreter("python3", "/usr/bin/python3", "3.11.7"));

    private static SuiteReport report(String title, String figure) {
        return new SuiteReport(title, "About " + title + ".", List.of(Measure.info("figure", figure)), List.of(),
                List.of());
    }

    @Test
    void theWatcherSectionIsReplacedInPlaceAndKeptByTheFullRewrite(@TempDir Path docs) throws Exception {
        DocsWriter writer = new DocsWriter(docs, MACHINE, ZonedDateTime.parse("2026-01-01T12:00:00Z"));
        writer.writePerformance(List.of(report("Overhead", "1 ms")));
        writer.writeWatcher(report("Watcher", "first"));
        writer.writeWatcher(report("Watcher", "second"));
        String once = Files.readString(docs.resolve("performance.md"));
        assertThat(once).contains("Overhead", "second").doesNotContain("first");
        assertThat(once.split(DocsWriter.WATCHER_START, -1)).hasSize(2);

        writer.writePerformance(List.of(report("Overhead", "2 ms")));
        String after = Files.readString(docs.resolve("performance.md"));
        assertThat(after).contains("2 ms", "second", DocsWriter.WATCHER_END).doesNotContain("1 ms");
    }
}

package io.jenkins.plugins.codegen.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state file is either the old state or the new one, and a broken one is kept for whoever looks. */
class JsonStateFileTest {
    private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");

    record State(int version, List<String> items) {
    }

    @TempDir
    Path home;

    private JsonStateFile<State> file() {
        return new JsonStateFile<>(home.resolve("state.json"), State.class);
    }

    @Test
    void whatIsSavedIsReadBackAndNoTemporaryFileStays() throws Exception {
        file().save(new State(1, List.of("a")));
        file().save(new State(1, List.of("a", "b")));

        assertThat(file().load(NOW)).isEqualTo(new JsonStateFile.Loaded.Read<>(new State(1, List.of("a", "b"))));
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
        }
    }

    @Test
    void noFileIsAFirstStart() {
        assertThat(file().load(NOW)).isInstanceOf(JsonStateFile.Loaded.Missing.class);
    }

    @Test
    void aBrokenFileIsSetAsideAndSaysWhereItBroke() throws Exception {
        Files.writeString(home.resolve("state.json"), "{\"version\": 1, \"items\": [");

        JsonStateFile.Loaded<State> loaded = file().load(NOW);

        assertThat(loaded).isInstanceOfSatisfying(JsonStateFile.Loaded.Corrupt.class, corrupt -> {
            assertThat(corrupt.problem()).startsWith("is not valid: Unexpected end-of-input")
                    .contains("(start marker at line: 1, column: 25)").contains("(line 1, column 26)")
                    .doesNotContain("Source");
            assertThat(corrupt.setAside()).contains(home.resolve("state.json.corrupt-" + NOW.toEpochMilli()));
        });
        assertThat(home.resolve("state.json")).doesNotExist();
    }

    @Test
    void duplicateKeysAndTrailingTextAreCorruptionNotData() throws Exception {
        Files.writeString(home.resolve("state.json"), "{\"version\": 1, \"version\": 2, \"items\": []}");
        assertThat(file().load(NOW)).isInstanceOf(JsonStateFile.Loaded.Corrupt.class);
        Files.writeString(home.resolve("state.json"), "{\"version\": 1, \"items\": []} {}");
        assertThat(file().load(NOW)).isInstanceOf(JsonStateFile.Loaded.Corrupt.class);
        Files.writeString(home.resolve("state.json"), "null");
        assertThat(file().load(NOW)).isInstanceOf(JsonStateFile.Loaded.Corrupt.class);
    }

    @Test
    void aFieldOfANewerVersionIsIgnored() throws Exception {
        Files.writeString(home.resolve("state.json"), "{\"version\": 1, \"items\": [], \"later\": true}");
        assertThat(file().load(NOW)).isEqualTo(new JsonStateFile.Loaded.Read<>(new State(1, List.of())));
    }
}

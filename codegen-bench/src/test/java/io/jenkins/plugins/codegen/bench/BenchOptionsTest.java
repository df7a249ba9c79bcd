package io.jenkins.plugins.codegen.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void withoutSuiteNamesRunsTheFivePerformanceSuites() {
        BenchOptions options = BenchOptions.parse(List.of(), Map.of());

        assertThat(options.suites()).containsExactly("overhead", "requests", "concurrency", "ratelimits", "optimizer");
        assertThat(options.runsAllPerformanceSuites()).isTrue();
        assertThat(options.runsSoak()).isFalse();
        assertThat(options.writeDocs()).isFalse();
        assertThat(options.python()).isEqualTo("python3");
    }

    @Test
    void namedSuitesRunInTheGivenOrderOnce() {
        BenchOptions options = BenchOptions.parse(List.of("soak", "--write-docs", "overhead", "soak"), Map.of());

        assertThat(options.suites()).containsExactly("soak", "overhead");
        assertThat(options.runsSoak()).isTrue();
        assertThat(options.runsAllPerformanceSuites()).isFalse();
        assertThat(options.writeDocs()).isTrue();
    }

    @Test
    void theWatcherRunsOnlyWhenNamed() {
        BenchOptions options = BenchOptions.parse(List.of("watcher", "--write-docs"), Map.of());

        assertThat(options.suites()).containsExactly("watcher");
        assertThat(options.runsWatcher()).isTrue();
        assertThat(options.runsAllPerformanceSuites()).isFalse();
        assertThat(BenchOptions.parse(List.of(), Map.of()).runsWatcher()).isFalse();
    }

    @Test
    void theHistoryRunsOnlyWhenNamed() {
        BenchOptions options = BenchOptions.parse(List.of("history"), Map.of());

        assertThat(options.suites()).containsExactly("history");
        assertThat(BenchOptions.parse(List.of(), Map.of()).suites()).doesNotContain("history");
    }

    @Test
    void thePythonComesFromTheOptionThenTheEnvironment() {
        assertThat(BenchOptions.parse(List.of(), Map.of("PYTHON_PATH", "/opt/py/bin/python3")).python())
                .isEqualTo("/opt/py/bin/python3");
        assertThat(BenchOptions.parse(List.of("--python", "python3.12"), Map.of("PYTHON_PATH", "x")).python())
                .isEqualTo("python3.12");
    }

    @Test
    void refusesUnknownNamesAndAMissingPath() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("overheads"), Map.of()))
                .hasMessageContaining("unknown suite or option: overheads");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--python"), Map.of()))
                .hasMessageContaining("--python needs a path");
    }
}

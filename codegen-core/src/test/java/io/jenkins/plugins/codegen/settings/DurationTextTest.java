package io.jenkins.plugins.codegen.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({
            "1800000, PT30M", "0, PT0S", "250, PT0.25S",
            "250ms, PT0.25S", "90s, PT1M30S", "30m, PT30M", "2h, PT2H",
            "90S, PT1M30S", "30M, PT30M", "1H, PT1H", "500MS, PT0.5S",
            "'  45 s ', PT45S", "'10 m', PT10M"})
    void readsBareMillisecondsAndNumbersWithAUnit(String text, Duration expected) {
        assertThat(DurationText.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "abc", "-5s", "-100", "1.5h", "30 minutes", "30min", "m", "5d", "1h30m",
            "PT30M", "30m extra", "9999999999999999999", "999999999999999999h"})
    void refusesAnythingElse(String text) {
        assertThat(DurationText.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "PT30M, 30m", "PT2H, 2h", "PT1M30S, 90s", "PT0.1S, 100ms", "PT1.5S, 1500ms", "PT0S, 0s",
            "PT24H, 24h", "PT-5S, -5s"})
    void writesTheLargestExactUnit(Duration duration, String expected) {
        assertThat(DurationText.format(duration)).isEqualTo(expected);
    }

    @Test
    void writesWhatMillisecondsCannotHoldAsIso() {
        assertThat(DurationText.format(Duration.ofNanos(500_000))).isEqualTo("PT0.0005S");
        assertThat(DurationText.format(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE)
                .toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 999, 1_000, 59_000, 60_000, 90_000, 3_600_000, 5_400_000, 86_400_000, 123_456_789})
    void readsBackWhatItWrites(long millis) {
        Duration duration = Duration.ofMillis(millis);

        assertThat(DurationText.parse(DurationText.format(duration))).contains(duration);
    }
}

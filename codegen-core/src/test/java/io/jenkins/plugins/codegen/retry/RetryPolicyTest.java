package io.jenkins.plugins.codegen.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.jenkins.plugins.codegen.error.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
    private static final RetryPolicy DEFAULTS = RetryPolicy.defaults();

    @Test
    void defaultsAreThreeRetriesFromOneSecondDoublingToThirtyWithTwentyPercentJitter() {
        assertThat(DEFAULTS.maxRetries()).isEqualTo(3);
        assertThat(DEFAULTS.baseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(DEFAULTS.backoffMultiplier()).isEqualTo(2.0);
        assertThat(DEFAULTS.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(DEFAULTS.jitter()).isEqualTo(0.2);
        assertThat(DEFAULTS.validate()).isEmpty();
    }

    @Test
    void nominalDelaysDoubleUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(DEFAULTS::nominalDelayBeforeRetry).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void aFixedSeedGivesTheSameDelaysEveryTime() {
        Random random = new Random(42);

        List<Duration> delays = IntStream.rangeClosed(1, 7).mapToObj(n -> DEFAULTS.delayBeforeRetry(n, random)).toList();

        assertThat(delays).containsExactly(Duration.ofNanos(1_091_025_472L), Duration.ofNanos(2_146_578_777L),
                Duration.ofNanos(3_693_951_129L), Duration.ofNanos(7_286_651_168L), Duration.ofNanos(17_059_513_291L),
                Duration.ofSeconds(30), Duration.ofNanos(28_425_394_961L));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 7_777, -3})
    void everyDelayIsWithinTwentyPercentOfTheNominalAndNeverAboveTheCap(long seed) {
        Random random = new Random(seed);
        for (int draw = 0; draw < 200; draw++) {
            for (int retry = 1; retry <= 10; retry++) {
                assertWithinJitter(DEFAULTS, retry, DEFAULTS.delayBeforeRetry(retry, random));
            }
        }
    }

    /** Checks that the bounds are real: across many draws, both ends of the ±20 % band are approached. */
    @Test
    void jitterSpreadsDelaysAcrossTheWholeBand() {
        Random random = new Random(42);
        List<Long> millis = IntStream.range(0, 2_000).mapToObj(i -> DEFAULTS.delayBeforeRetry(1, random).toMillis())
                .toList();

        assertThat(millis).anyMatch(ms -> ms < 820).anyMatch(ms -> ms > 1_180);
    }

    @Test
    void jitterNeverLiftsADelayAboveTheCap() {
        Random random = new Random(42);
        List<Duration> capped = IntStream.range(0, 500).mapToObj(i -> DEFAULTS.delayBeforeRetry(6, random)).toList();

        assertThat(capped).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(30)))
                .anySatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(25)))
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void withoutJitterDelaysAreExactlyNominal() {
        RetryPolicy exact = RetryPolicy.builder().jitter(0).build();

        assertThat(exact.delayBeforeRetry(3, new Random(1))).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aVeryLateRetryWaitsTheCapRatherThanOverflowing() {
        assertThat(DEFAULTS.nominalDelayBeforeRetry(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retriesCountFromOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.delayBeforeRetry(0, new Random()));
    }

    @Test
    void toBuilderKeepsEveryValue() {
        RetryPolicy policy = RetryPolicy.builder().maxRetries(5).baseDelay(Duration.ofMillis(250)).backoffMultiplier(1.5)
                .maxDelay(Duration.ofMinutes(2)).jitter(0.1).build();

        assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
        assertThat(policy.toBuilder().jitter(0).build()).isNotEqualTo(policy);
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                invalid(b -> b.maxRetries(-1), "maxRetries", "is -1; it cannot be negative"),
                invalid(b -> b.baseDelay(Duration.ZERO), "baseDelay", "is not longer than zero"),
                invalid(b -> b.baseDelay(Duration.ofSeconds(-1)), "baseDelay", "is not longer than zero"),
                invalid(b -> b.backoffMultiplier(0.5), "backoffMultiplier", "is 0.5; it must be at least 1"),
                invalid(b -> b.backoffMultiplier(Double.NaN), "backoffMultiplier", "is NaN; it must be at least 1"),
                invalid(b -> b.backoffMultiplier(Double.POSITIVE_INFINITY), "backoffMultiplier",
                        "is Infinity; it must be at least 1"),
                invalid(b -> b.maxDelay(Duration.ZERO), "maxDelay", "is not longer than zero"),
                invalid(b -> b.maxDelay(Duration.ofMillis(500)), "maxDelay", "is shorter than baseDelay"),
                invalid(b -> b.maxDelay(Duration.ofHours(25)), "maxDelay",
                        "is longer than 24 hours, the longest a task may run"),
                invalid(b -> b.jitter(-0.1), "jitter", "is -0.1; it must be at least 0 and less than 1"),
                invalid(b -> b.jitter(1.0), "jitter", "is 1.0; it must be at least 0 and less than 1"));
    }

    private static Arguments invalid(UnaryOperator<RetryPolicy.Builder> change, String field, String problem) {
        return Arguments.of(change, field, problem);
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void eachInvalidValueIsReportedOnItsField(UnaryOperator<RetryPolicy.Builder> change, String field, String problem) {
        List<FieldError> errors = change.apply(RetryPolicy.builder()).build().validate();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.remedy()).isNotBlank();
        });
    }

    @Test
    void noRetriesAndEqualDelaysAreValid() {
        assertThat(RetryPolicy.builder().maxRetries(0).backoffMultiplier(1).jitter(0).maxDelay(Duration.ofSeconds(1))
                .build().validate()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        RetryPolicy policy = RetryPolicy.builder().maxRetries(-1).baseDelay(Duration.ZERO).backoffMultiplier(0)
                .maxDelay(Duration.ZERO).jitter(2).build();

        assertThat(policy.validate()).extracting(FieldError::field)
                .containsExactly("maxRetries", "baseDelay", "backoffMultiplier", "maxDelay", "jitter");
    }

    static void assertWithinJitter(RetryPolicy policy, int retry, Duration delay) {
        double nominal = policy.nominalDelayBeforeRetry(retry).toNanos();
        assertThat((double) delay.toNanos()).as("delay before retry %d", retry)
                .isBetween(nominal * (1 - policy.jitter()) - 1, nominal * (1 + policy.jitter()) + 1)
                .isLessThanOrEqualTo(policy.maxDelay().toNanos());
    }
}

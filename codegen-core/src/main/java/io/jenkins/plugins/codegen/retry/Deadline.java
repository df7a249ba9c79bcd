package io.jenkins.plugins.codegen.retry;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The instant by which a whole task must be done, every retry and wait included, read on a
 * {@link TimeSource}. Immutable and safe to share between threads.
 */
public final class Deadline {
    /** What {@link #remaining()} reports for {@link #none()}: longer than anything can wait. */
    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    private final TimeSource time;
    private final long startNanos;
    /** {@code null} for {@link #none()}. */
    private final Duration timeout;

    private Deadline(TimeSource time, Duration timeout) {
        this.time = time;
        this.startNanos = time.nanoTime();
        this.timeout = timeout;
    }

    /** The instant {@code timeout} from now; a zero timeout has expired already. */
    public static Deadline after(Duration timeout, TimeSource time) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(time, "time");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        return new Deadline(time, timeout);
    }

    /** A deadline that never comes; {@link #elapsed()} counts from now on the system clock. */
    public static Deadline none() {
        return new Deadline(TimeSource.system(), null);
    }

    /** Time since this deadline was set. */
    public Duration elapsed() {
        return Duration.ofNanos(time.nanoTime() - startNanos);
    }

    /** Time left before the deadline; zero once it has passed, practically endless for {@link #none()}. */
    public Duration remaining() {
        if (timeout == null) {
            return FOREVER;
        }
        Duration left = timeout.minus(elapsed());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether the deadline has come; it has at the very instant it is reached. */
    public boolean isExpired() {
        return remaining().isZero();
    }

    /** Whether a wait of this length, starting now, would end before the deadline. */
    public boolean allows(Duration wait) {
        return wait.compareTo(remaining()) < 0;
    }
}

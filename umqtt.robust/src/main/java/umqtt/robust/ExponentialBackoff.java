package umqtt.robust;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** Exponential backoff with full jitter; see {@link BackoffStrategy#exponential(Duration, Duration)}. */
final class ExponentialBackoff implements BackoffStrategy {

    private final long initialNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    /** A null random means ThreadLocalRandom of the calling thread. */
    ExponentialBackoff(Duration initial, Duration max, RandomGenerator random) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial delay must be positive but was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max delay " + max + " must not be below the initial delay " + initial);
        }
        this.initialNanos = Nanos.saturated(initial);
        this.maxNanos = Nanos.saturated(max);
        this.random = random;
    }

    @Override
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1 but was " + attempt);
        }
        long bound = bound(attempt);
        RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
        return Duration.ofNanos((long) (r.nextDouble() * bound));
    }

    /** min(max, initial * 2^(attempt-1)) without overflow. */
    long bound(int attempt) {
        int shift = attempt - 1;
        if (shift >= 62 || initialNanos > (maxNanos >> shift)) {
            return maxNanos;
        }
        return Math.min(maxNanos, initialNanos << shift);
    }

    @Override
    public String toString() {
        return "exponential backoff with full jitter from " + Duration.ofNanos(initialNanos)
                + " capped at " + Duration.ofNanos(maxNanos);
    }
}

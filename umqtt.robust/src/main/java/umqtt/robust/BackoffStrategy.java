package umqtt.robust;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long {@link RobustClient} waits before its next reconnect attempt: the Java form of the
 * original umqtt.robust's {@code delay(i)} hook.
 *
 * <p>The strategy is asked once per failed attempt, on the thread that runs the operation, with
 * the number of failures in a row (1 for the first). It only computes: the client does the waiting
 * (so that {@link RobustClient#close()} can end it).
 */
@FunctionalInterface
public interface BackoffStrategy {

    /**
     * The pause before the next attempt.
     *
     * @param attempt the number of failed attempts in a row, from 1
     * @return the pause; zero or positive
     */
    Duration delay(int attempt);

    /**
     * Exponential backoff with full jitter: a uniformly random pause between zero and
     * {@code min(max, initial * 2^(attempt-1))}. Jitter keeps many clients that lost the same
     * broker from reconnecting in lockstep.
     *
     * @param initial the upper bound of the first pause; positive
     * @param max the cap of every pause; at least {@code initial}
     * @return the strategy
     * @throws IllegalArgumentException when the bounds are not positive or max is below initial
     */
    static BackoffStrategy exponential(Duration initial, Duration max) {
        return new ExponentialBackoff(initial, max, null);
    }

    /**
     * As {@link #exponential(Duration, Duration)} with the given source of randomness: a test can
     * pin the jitter, e.g. to the upper bound.
     *
     * @param initial the upper bound of the first pause; positive
     * @param max the cap of every pause; at least {@code initial}
     * @param random the source of the jitter
     * @return the strategy
     * @throws IllegalArgumentException when the bounds are not positive or max is below initial
     */
    static BackoffStrategy exponential(Duration initial, Duration max, RandomGenerator random) {
        return new ExponentialBackoff(initial, max, Objects.requireNonNull(random, "random"));
    }

    /**
     * The same pause every time, like the original's {@code DELAY} (2 s there).
     *
     * @param delay the pause; zero or positive
     * @return the strategy
     * @throws IllegalArgumentException when the delay is negative
     */
    static BackoffStrategy fixed(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative but was " + delay);
        }
        return attempt -> delay;
    }
}

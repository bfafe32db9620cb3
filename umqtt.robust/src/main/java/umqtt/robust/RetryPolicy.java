package umqtt.robust;

import umqtt.api.spi.TimeSource;

/**
 * The limits of {@link RobustClient}'s retrying, as the builder set them.
 *
 * @param backoff the pause before each attempt after a failure
 * @param maxAttempts attempts per operation, 0 for unlimited
 * @param deadlineNanos how long one operation may keep retrying, 0 for no limit
 * @param maxRefusals connection refusals (codes 1, 2, 4, 5) per operation
 * @param maxProtocolErrors protocol errors per operation
 * @param checkMsgAttempts how many times one checkMsg call checks
 * @param persistentSession whether connect(true) makes its new session persistent at once
 * @param time where now and the backoff waits come from
 */
record RetryPolicy(BackoffStrategy backoff, int maxAttempts, long deadlineNanos, int maxRefusals,
        int maxProtocolErrors, int checkMsgAttempts, boolean persistentSession, TimeSource time) {

    /** The counters of one operation, from now. */
    Attempts start() {
        return new Attempts(this, time.nanoTime());
    }

    /** The backoff pause before the attempt after {@code failuresInRow} failures, in nanoseconds. */
    long pauseNanos(int failuresInRow) {
        java.time.Duration d = backoff.delay(failuresInRow);
        if (d == null) {
            throw new NullPointerException("the backoff strategy returned null for attempt " + failuresInRow);
        }
        return d.isNegative() ? 0 : Nanos.saturated(d);
    }
}

package umqtt.robust;

import java.time.Duration;

/** Durations as nanoseconds for deadline arithmetic: the one place that saturates instead of overflowing. */
final class Nanos {

    private Nanos() {
    }

    /**
     * {@code d} in nanoseconds, or {@link Long#MAX_VALUE} when it does not fit (about 292 years):
     * a limit that long means "no limit", never an exception.
     */
    static long saturated(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code a * b} for non-negative values, or {@link Long#MAX_VALUE} when it overflows. */
    static long times(long a, long b) {
        long product = a * b;
        return Math.multiplyHigh(a, b) != 0 || product < 0 ? Long.MAX_VALUE : product;
    }
}

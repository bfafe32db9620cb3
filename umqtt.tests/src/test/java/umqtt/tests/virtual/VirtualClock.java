package umqtt.tests.virtual;

import java.time.Duration;
import java.util.Objects;
import umqtt.api.spi.TimeSource;

/**
 * A {@link TimeSource} that stands still until told to move: tests advance it, and a
 * {@link VirtualLink} advances it when the client's read waits. Single-threaded by design.
 *
 * <p>It starts at {@link #START} nanoseconds (any fixed value: clients may only use differences);
 * {@link #millis()} is the time since then, the unit tests assert on.
 */
public final class VirtualClock implements TimeSource {

    /** Where every virtual clock starts, in nanoseconds. */
    public static final long START = 1_000_000_000_000L;

    private long now = START;

    @Override
    public long nanoTime() {
        return now;
    }

    /** Waiting on a virtual clock is advancing it: nobody else could notify the monitor. */
    @Override
    public void await(Object monitor, long nanos) {
        Objects.requireNonNull(monitor, "monitor");
        if (nanos <= 0) {
            throw new IllegalArgumentException("await needs a positive time but got " + nanos + " ns");
        }
        advanceNanos(nanos);
    }

    /**
     * Virtual milliseconds since the clock started.
     *
     * @return whole milliseconds, rounded down
     */
    public long millis() {
        return (now - START) / 1_000_000;
    }

    /**
     * Moves the clock forward.
     *
     * @param nanos at least 0
     */
    public void advanceNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a clock cannot go back " + nanos + " ns");
        }
        now += nanos;
    }

    /**
     * Moves the clock forward.
     *
     * @param millis at least 0
     */
    public void advanceMillis(long millis) {
        advanceNanos(Math.multiplyExact(millis, 1_000_000L));
    }

    /**
     * Moves the clock forward.
     *
     * @param d not negative
     */
    public void advance(Duration d) {
        advanceNanos(d.toNanos());
    }

    /**
     * Moves the clock to {@code nanos} unless it is already later.
     *
     * @param nanos a value on this clock's scale
     */
    void advanceTo(long nanos) {
        if (nanos - now > 0) {
            now = nanos;
        }
    }

    @Override
    public String toString() {
        return "VirtualClock[t=" + millis() + " ms]";
    }
}

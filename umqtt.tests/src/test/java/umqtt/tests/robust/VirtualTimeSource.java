package umqtt.tests.robust;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import umqtt.api.spi.TimeSource;

/**
 * A virtual clock for RobustClient's timing: {@link #await} returns at once, having advanced
 * virtual time by exactly the nanoseconds asked for, and records each wait. Backoff tests then
 * observe every pause to the nanosecond without sleeping.
 */
final class VirtualTimeSource implements TimeSource {

    /** An arbitrary origin, far from zero, so that only differences can mean anything. */
    private static final long ORIGIN = 1_000_000_000_000L;

    private long now = ORIGIN;
    private final List<Long> waits = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void await(Object monitor, long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("await takes a positive wait but got " + nanos);
        }
        if (!Thread.holdsLock(monitor)) {
            throw new IllegalMonitorStateException("await needs the monitor's lock, as Object.wait does");
        }
        waits.add(nanos);
        now += nanos;
    }

    /** Lets virtual time pass, as a delegate's work or a live link would. */
    synchronized void advance(Duration d) {
        now += d.toNanos();
    }

    /** @return virtual nanoseconds since the origin */
    synchronized long elapsedNanos() {
        return now - ORIGIN;
    }

    /** @return every wait asked for so far, in milliseconds (exact multiples expected) */
    synchronized List<Double> waitsMillis() {
        return waits.stream().map(n -> n / 1e6).toList();
    }

    /** @return every wait asked for so far, in nanoseconds */
    synchronized List<Long> waitsNanos() {
        return List.copyOf(waits);
    }

    /** Forgets the waits recorded so far. */
    synchronized void clearWaits() {
        waits.clear();
    }
}

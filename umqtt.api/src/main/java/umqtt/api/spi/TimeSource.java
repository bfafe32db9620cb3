package umqtt.api.spi;

import java.util.concurrent.TimeUnit;

/**
 * Where a client takes "now" from and how it waits: the one seam between the clients' timing
 * logic and the clock.
 *
 * <p>Every deadline a client keeps (keepalive, PINGRESP, acknowledgement and connect timeouts,
 * reconnect backoff) is computed from {@link #nanoTime()}; every wait is either a read on the
 * {@link Transport} with a read timeout, or {@link #await(Object, long)}. The default,
 * {@link #system()}, is the JVM's monotonic clock. A simulation or a test passes a virtual
 * source together with a transport whose timed-out reads advance it, and then observes timing
 * to the millisecond without sleeping.
 */
public interface TimeSource {

    /**
     * The current time on a monotonic scale, as {@link System#nanoTime()}: only differences
     * between two values mean anything.
     *
     * @return nanoseconds
     */
    long nanoTime();

    /**
     * Waits on {@code monitor}, whose lock the calling thread holds, until it is notified or
     * {@code nanos} have passed on this source's scale, as {@link Object#wait(long, int)} does
     * (it may also return early, spuriously: callers loop on their condition).
     *
     * @param monitor the object whose lock the caller holds
     * @param nanos how long to wait at most, positive
     * @throws InterruptedException when the thread is interrupted
     */
    void await(Object monitor, long nanos) throws InterruptedException;

    /**
     * The JVM's monotonic clock: {@link System#nanoTime()} and {@link Object#wait(long, int)}.
     *
     * @return the system time source
     */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}

/** {@link TimeSource#system()}. */
enum SystemTimeSource implements TimeSource {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void await(Object monitor, long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
    }

    @Override
    public String toString() {
        return "TimeSource.system()";
    }
}

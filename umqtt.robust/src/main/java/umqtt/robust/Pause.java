package umqtt.robust;

import java.io.IOException;
import java.io.InterruptedIOException;
import umqtt.api.spi.TimeSource;

/** The wait between attempts, which {@link #close()} (from any thread) or an interrupt ends. */
final class Pause {

    private final Object lock = new Object();
    private final TimeSource time;
    private boolean closed;

    Pause(TimeSource time) {
        this.time = time;
    }

    /**
     * Waits {@code nanos}, or less when closed.
     *
     * @throws InterruptedIOException when interrupted (the interrupt flag is set again)
     * @throws IOException when closed before or during the wait
     */
    void sleep(long nanos) throws IOException {
        long end = time.nanoTime() + nanos;
        synchronized (lock) {
            while (!closed) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted();
                }
                long left = end - time.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    time.await(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw interrupted();
                }
            }
        }
        throw closedException();
    }

    /** Ends every wait, now and later. */
    void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    static IOException closedException() {
        return new IOException("the RobustClient was closed: create a new one to connect again");
    }

    private static InterruptedIOException interrupted() {
        return new InterruptedIOException("interrupted while waiting to reconnect (the interrupt flag is kept)");
    }
}

package umqtt.bench.harness.contenders;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The window of an asynchronous peer client in the windowed scenarios: a permit per message that
 * awaits its acknowledgement, released by the library's completion callback, and the first failure
 * such a callback reported (thrown by the next wait, so the publisher stops).
 */
final class WindowSlots {

    private final int window;
    private final Semaphore slots;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    WindowSlots(int window) {
        this.window = window;
        this.slots = new Semaphore(window);
    }

    /** Waits for a free slot before a message is published. */
    void take() throws Exception {
        acquire(1);
    }

    /** Waits until every message was acknowledged. */
    void awaitAll() throws Exception {
        acquire(window);
        slots.release(window);
    }

    /** Frees the slot of an acknowledged message. */
    void release() {
        slots.release();
    }

    /** Records a failure (the first one counts) and wakes a waiting publisher so it throws. */
    void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
        slots.release(window);
    }

    private void acquire(int permits) throws Exception {
        if (!slots.tryAcquire(permits, 60, TimeUnit.SECONDS)) {
            throw new TimeoutException("no PUBACK within 60 s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a publish failed", failure.get());
        }
    }
}

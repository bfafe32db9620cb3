package umqtt.simple;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Detects use of one client from two threads at once. The owning thread may re-enter (a callback
 * that publishes); any other thread gets an {@link IllegalStateException} instead of a corrupted
 * stream. Costs one compare-and-set per call and allocates nothing.
 */
final class ThreadGuard {

    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private int depth;

    void enter() {
        Thread me = Thread.currentThread();
        if (owner.get() == me) {
            depth++;
            return;
        }
        if (!owner.compareAndSet(null, me)) {
            Thread other = owner.get();
            throw new IllegalStateException("SimpleClient called from thread '" + me.getName() + "' while thread '"
                    + (other == null ? "?" : other.getName()) + "' is using it: a client serves one thread at a "
                    + "time; give each thread its own client, or hand calls to one thread");
        }
        depth = 1;
    }

    void exit() {
        if (--depth == 0) {
            owner.set(null);
        }
    }
}

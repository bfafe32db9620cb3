package umqtt.api.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Detects use of one client from two threads at once. The owning thread may re-enter (a callback
 * that publishes); any other thread gets an {@link IllegalStateException} instead of a corrupted
 * stream. Costs one compare-and-set per call and allocates nothing.
 *
 * <p>Shared by the client implementations through a qualified export; not an API.
 */
public final class ThreadGuard {

    private final String client;
    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private int depth;

    /**
     * Creates a guard.
     *
     * @param client the client's name for the message, e.g. "SimpleClient"
     */
    public ThreadGuard(String client) {
        this.client = client;
    }

    /** Enters the client on the calling thread, or fails when another thread is inside. */
    public void enter() {
        Thread me = Thread.currentThread();
        if (owner.get() == me) {
            depth++;
            return;
        }
        if (!owner.compareAndSet(null, me)) {
            Thread other = owner.get();
            throw new IllegalStateException(client + " called from thread '" + me.getName() + "' while thread '"
                    + (other == null ? "?" : other.getName()) + "' is using it: a client serves one thread at a "
                    + "time (only close() may come from another); give each thread its own client, or hand calls "
                    + "to one thread");
        }
        depth = 1;
    }

    /** Leaves the client; the last exit of the owning thread frees it. */
    public void exit() {
        if (--depth == 0) {
            owner.set(null);
        }
    }
}

package umqtt.robust;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Reports a RobustClient used by two threads at once, instead of letting them reconnect over each
 * other. The owning thread may re-enter (a callback that publishes).
 */
final class OneThread {

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
            throw new IllegalStateException("RobustClient called from thread '" + me.getName() + "' while thread '"
                    + (other == null ? "?" : other.getName()) + "' is using it: a client serves one thread at a time "
                    + "(only close() may come from another thread)");
        }
        depth = 1;
    }

    void exit() {
        if (--depth == 0) {
            owner.set(null);
        }
    }
}

package umqtt.simple;

import java.io.IOException;
import umqtt.api.internal.ThreadGuard;
import umqtt.api.spi.TimeSource;

/** One thread at a time: a second one is misuse, reported at once (the default mode). */
final class SoleGate implements Gate {

    private final ThreadGuard guard = new ThreadGuard("SimpleClient");
    private final Object idle = new Object();
    private final TimeSource time;

    SoleGate(TimeSource time) {
        this.time = time;
    }

    @Override
    public void enter() {
        guard.enter();
    }

    @Override
    public void exit() {
        guard.exit();
    }

    @Override
    public int read(Connection link, long until) throws IOException {
        return link.read(until) ? PACKET : NONE;
    }

    @Override
    public boolean idle(long until) throws java.io.InterruptedIOException {
        if (until == Connection.NO_DEADLINE) {
            return false;
        }
        synchronized (idle) {
            long left = until - time.nanoTime();
            if (left > 0) {
                try {
                    time.await(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for the server");
                }
            }
        }
        return true;
    }

    @Override
    public void routed() {
        // no one else to tell
    }
}

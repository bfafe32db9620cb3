package umqtt.mqtt5;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Who may use the client now, and who reads: {@link #sole} for one thread at a time (misuse from a
 * second thread is reported), {@link Shared} for {@code shared(true)}.
 */
interface Turns {

    /** {@link #read}: a packet is in the link's reader, to route. */
    int PACKET = 1;
    /** {@link #read}: the deadline came first. */
    int NOTHING = 0;
    /** {@link #read}: another thread read meanwhile; look at your condition again. */
    int OTHER_READER = 2;

    /** Takes the client for the calling thread (re-entrant: a callback may call back). */
    void enter() throws InterruptedIOException;

    /** Gives the client back. */
    void exit();

    /** Reads a packet until {@code until}, letting other threads use the client meanwhile when shared. */
    int read(Link link, long until) throws IOException;

    /** Waits, without reading, until something changed or {@code until}; false when it cannot wait (no deadline, one thread). */
    boolean pause(long until) throws InterruptedIOException;

    /** A packet was routed: threads waiting for an answer look again. */
    void routed();

    /** @return whether several threads may call at once */
    boolean shared();

    /** @return the one-thread turns: a {@link umqtt.api.internal.ThreadGuard} and the read on the calling thread */
    static Turns sole(umqtt.api.spi.TimeSource time) {
        return new Sole(time);
    }

    /** One thread at a time. */
    final class Sole implements Turns {
        private final umqtt.api.internal.ThreadGuard guard = new umqtt.api.internal.ThreadGuard("Mqtt5Client");
        private final umqtt.api.spi.TimeSource time;
        private final Object sleeper = new Object();

        Sole(umqtt.api.spi.TimeSource time) {
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
        public int read(Link link, long until) throws IOException {
            return link.read(until) ? PACKET : NOTHING;
        }

        @Override
        public boolean pause(long until) throws InterruptedIOException {
            if (until == Link.NO_DEADLINE) {
                return false;
            }
            synchronized (sleeper) {
                long left = until - time.nanoTime();
                if (left > 0) {
                    try {
                        time.await(sleeper, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for the server");
                    }
                }
            }
            return true;
        }

        @Override
        public void routed() {
            // nobody else waits
        }

        @Override
        public boolean shared() {
            return false;
        }
    }
}

package umqtt.simple;

import java.io.IOException;
import java.io.InterruptedIOException;
import umqtt.api.spi.TimeSource;

/**
 * The gate of a client shared by threads (leader and followers, with no thread of its own). Any
 * number of threads call in; one at a time is inside, and may enter again from a callback. A
 * thread that must wait for the server becomes the reader: it leaves the gate while it blocks in
 * the read, so other threads write meanwhile, and takes the gate back to route what it read.
 * A thread that must wait while another reads waits for that reader to route a packet or to stop,
 * then looks at its own condition again. Inside a callback (a nested entry) a thread reads while
 * keeping the gate: the client's state is mid-delivery and no one else may touch it.
 *
 * <p>All waits are on one monitor; the gate holds no lock while a thread reads or writes.
 */
final class SharedGate implements Gate {

    private final Object monitor = new Object();
    private final TimeSource time;
    private Thread owner;
    private int depth;
    private Thread reader;
    /** Counts routed packets and ended reads, so a waiting thread knows when to look again. */
    private long turns;

    SharedGate(TimeSource time) {
        this.time = time;
    }

    @Override
    public void enter() throws InterruptedIOException {
        Thread me = Thread.currentThread();
        synchronized (monitor) {
            if (owner == me) {
                depth++;
                return;
            }
            acquire(me);
        }
    }

    @Override
    public void exit() {
        synchronized (monitor) {
            if (--depth == 0) {
                owner = null;
                monitor.notifyAll();
            }
        }
    }

    @Override
    public int read(Connection link, long until) throws IOException {
        Thread me = Thread.currentThread();
        boolean nested;
        synchronized (monitor) {
            nested = depth > 1;
        }
        if (nested) {
            return link.read(until) ? PACKET : NONE; // inside a callback: keep the gate
        }
        synchronized (monitor) {
            if (reader != null) {
                awaitReader(until);
                return ELSEWHERE;
            }
            reader = me;
            owner = null;
            depth = 0;
            monitor.notifyAll();
        }
        boolean packet = false;
        try {
            packet = link.read(until);
        } finally {
            synchronized (monitor) {
                // The packet read is routed before anyone reads on: stay the reader until the gate is ours.
                acquireUninterruptibly(me);
                reader = null;
                if (!packet) {
                    turns++; // a thread with a later deadline may read now
                }
                monitor.notifyAll();
            }
        }
        return packet ? PACKET : NONE;
    }

    @Override
    public void routed() {
        synchronized (monitor) {
            turns++;
            monitor.notifyAll();
        }
    }

    /** Leaves the gate until the reader has routed a packet, stopped reading, or {@code until} passed. */
    private void awaitReader(long until) throws InterruptedIOException {
        Thread me = owner;
        long seen = turns;
        owner = null;
        depth = 0;
        monitor.notifyAll();
        try {
            while (reader != null && turns == seen) {
                long left = until == Connection.NO_DEADLINE ? Long.MAX_VALUE / 2 : until - time.nanoTime();
                if (left <= 0) {
                    break;
                }
                time.await(monitor, left);
            }
        } catch (InterruptedException e) {
            acquireUninterruptibly(me);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while another thread read from the server");
        }
        acquireUninterruptibly(me);
    }

    /** Waits for the gate; the caller holds the monitor. */
    private void acquire(Thread me) throws InterruptedIOException {
        try {
            while (owner != null) {
                monitor.wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for another thread to leave the client");
        }
        owner = me;
        depth = 1;
    }

    /** Takes the gate back after a read, or a wait, that it must end inside. */
    private void acquireUninterruptibly(Thread me) {
        boolean interrupted = false;
        while (owner != null) {
            try {
                monitor.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        owner = me;
        depth = 1;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package umqtt.simple;

import java.io.IOException;
import java.io.InterruptedIOException;
import umqtt.api.spi.TimeSource;

/**
 * The gate of a client shared by threads (leader and followers, with no thread of its own). Any
 * number of threads call in; one at a time is inside, and may enter again from a callback. A
 * thread that must wait for the server becomes the reader if no one is: it leaves the gate while it
 * blocks in the read, so other threads write meanwhile, and takes the gate back, still the reader,
 * to route what it read. A thread that must wait while another reads leaves the gate until that
 * reader routed a packet or stopped, then looks at its own condition again. A thread that leaves
 * the gate from inside a callback takes its depth back with it; while the callback runs, messages
 * routed by other threads wait for it ({@link Delivery}), so callbacks never overlap.
 *
 * <p>All waits are on one monitor, which no thread holds while it reads or writes.
 */
final class SharedGate implements Gate {

    private final Object monitor = new Object();
    private final TimeSource time;
    private Thread owner;
    private int depth;
    private Thread reader;
    /** Counts routed packets, ended reads and emptied gates, so a waiting thread knows when to look again. */
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
    }

    @Override
    public void exit() {
        synchronized (monitor) {
            if (--depth == 0) {
                owner = null;
                turns++;
                monitor.notifyAll();
            }
        }
    }

    @Override
    public int read(Connection link, long until) throws IOException {
        Thread me = Thread.currentThread();
        int myDepth;
        synchronized (monitor) {
            if (reader != null) {
                awaitTurn(until, true);
                return ELSEWHERE;
            }
            reader = me;
            myDepth = release();
        }
        boolean packet = false;
        try {
            packet = link.read(until);
        } finally {
            synchronized (monitor) {
                // The packet read is routed before anyone reads on: stay the reader until the gate is ours.
                reacquire(me, myDepth);
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
    public boolean idle(long until) throws InterruptedIOException {
        synchronized (monitor) {
            awaitTurn(until, false);
        }
        return true;
    }

    @Override
    public void routed() {
        synchronized (monitor) {
            turns++;
            monitor.notifyAll();
        }
    }

    /**
     * Leaves the gate until something happened (a packet routed, a read ended, the gate emptied;
     * with {@code whileReading}, also the reader gone) or {@code until} passed, then takes it back.
     * The caller holds the monitor.
     */
    private void awaitTurn(long until, boolean whileReading) throws InterruptedIOException {
        Thread me = owner;
        long seen = turns;
        int myDepth = release();
        InterruptedException interrupted = null;
        try {
            while (turns == seen && (!whileReading || reader != null)) {
                long left = until == Connection.NO_DEADLINE ? Long.MAX_VALUE / 2 : until - time.nanoTime();
                if (left <= 0) {
                    break;
                }
                time.await(monitor, left);
            }
        } catch (InterruptedException e) {
            interrupted = e;
        }
        reacquire(me, myDepth);
        if (interrupted != null) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while another thread used the client");
        }
    }

    /** Leaves the gate, whatever the depth; the caller holds the monitor. @return the depth to take back */
    private int release() {
        int was = depth;
        owner = null;
        depth = 0;
        monitor.notifyAll();
        return was;
    }

    /** Takes the gate back at {@code myDepth}, however long another thread keeps it; the caller holds the monitor. */
    private void reacquire(Thread me, int myDepth) {
        boolean interrupted = false;
        while (owner != null) {
            try {
                monitor.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        owner = me;
        depth = myDepth;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package umqtt.mqtt5;

import java.io.IOException;
import java.io.InterruptedIOException;
import umqtt.api.spi.TimeSource;

/**
 * The turns of a client that several threads call at once, with no thread of its own. One thread
 * holds the client at a time (re-entrantly). A thread that must wait for the server reads if nobody
 * does, giving the client up during the blocking read so that others write meanwhile, and takes it
 * back before it routes what it read; a thread that must wait while another reads gives the client
 * up until something happens (a packet routed, a read ended, the client given back) and then looks
 * at its own condition again. Every wait is on one monitor through the {@link TimeSource}; nobody
 * holds the monitor while reading or writing.
 */
final class Shared implements Turns {

    private final Object monitor = new Object();
    private final TimeSource time;
    private Thread holder;
    private int holds;
    private boolean reading;
    /** Bumped by everything a waiting thread may be waiting for. */
    private long happenings;

    Shared(TimeSource time) {
        this.time = time;
    }

    @Override
    public void enter() throws InterruptedIOException {
        Thread me = Thread.currentThread();
        synchronized (monitor) {
            if (holder == me) {
                holds++;
                return;
            }
            while (holder != null) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while another thread used the client");
                }
            }
            holder = me;
            holds = 1;
        }
    }

    @Override
    public void exit() {
        synchronized (monitor) {
            if (--holds == 0) {
                holder = null;
                happenings++;
                monitor.notifyAll();
            }
        }
    }

    @Override
    public int read(Link link, long until) throws IOException {
        Thread me = Thread.currentThread();
        int mine;
        synchronized (monitor) {
            if (reading) {
                waitForNews(until, true);
                return OTHER_READER;
            }
            reading = true;
            mine = giveUp();
        }
        boolean got = false;
        try {
            got = link.read(until);
        } finally {
            synchronized (monitor) {
                takeBack(me, mine); // what was read is routed before anyone else reads
                reading = false;
                if (!got) {
                    happenings++; // nothing to route: a thread with a later deadline may read now
                }
                monitor.notifyAll();
            }
        }
        return got ? PACKET : NOTHING;
    }

    @Override
    public boolean pause(long until) throws InterruptedIOException {
        synchronized (monitor) {
            waitForNews(until, false);
        }
        return true;
    }

    @Override
    public void routed() {
        synchronized (monitor) {
            happenings++;
            monitor.notifyAll();
        }
    }

    @Override
    public boolean shared() {
        return true;
    }

    /** Gives the client up until something happens or {@code until}; the caller holds the monitor. */
    private void waitForNews(long until, boolean onlyWhileReading) throws InterruptedIOException {
        Thread me = Thread.currentThread();
        long seen = happenings;
        int mine = giveUp();
        boolean interrupted = false;
        while (happenings == seen && (!onlyWhileReading || reading)) {
            long left = until == Link.NO_DEADLINE ? Long.MAX_VALUE / 4 : until - time.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                time.await(monitor, left);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        takeBack(me, mine);
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while another thread used the client");
        }
    }

    /** @return the holds given up; the caller holds the monitor */
    private int giveUp() {
        int was = holds;
        holder = null;
        holds = 0;
        monitor.notifyAll();
        return was;
    }

    /** Waits until nobody holds the client, then holds it {@code count} times; the caller holds the monitor. */
    private void takeBack(Thread me, int count) {
        boolean interrupted = false;
        while (holder != null) {
            try {
                monitor.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        holder = me;
        holds = count;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

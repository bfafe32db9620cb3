package umqtt.simple;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Admits the threads that call a client and decides which of them reads from the link: the one
 * seam between the client's logic and its threading. {@link SoleGate} serves one thread at a time
 * and reports a second as misuse; {@link SharedGate} lets any number of threads in, one at a time,
 * and lets one of them read without holding the gate, so the others can write meanwhile.
 */
interface Gate {

    /** {@link #read}: a whole packet is in the link's reader; route it, then call {@link #routed()}. */
    int PACKET = 1;
    /** {@link #read}: the deadline came first. */
    int NONE = 0;
    /** {@link #read}: another thread was reading, and handled a packet or stopped: check again. */
    int ELSEWHERE = 2;

    /** Admits the calling thread; a thread inside may enter again (a callback that publishes). */
    void enter() throws InterruptedIOException;

    /** Leaves; the last exit of a thread lets the next one in. */
    void exit();

    /**
     * Reads one packet from {@code link} for the thread inside, or waits for the thread that is
     * reading already.
     *
     * @param until the deadline, on the time source's scale
     * @return {@link #PACKET}, {@link #NONE} or {@link #ELSEWHERE}
     */
    int read(Connection link, long until) throws IOException;

    /**
     * Waits without reading (the callback's queue is full) until {@code until}, or until another
     * thread changed something, when threads share the client.
     *
     * @return false when waiting makes no sense: one thread, no deadline
     */
    boolean idle(long until) throws InterruptedIOException;

    /** The packet {@link #read} returned was routed: threads waiting for an answer look again. */
    void routed();
}

package umqtt.robust;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import umqtt.api.AckListener;
import umqtt.api.MqttClient;
import umqtt.api.MqttException;

/**
 * What {@link RobustClient#send} owes: the messages taken and not yet ended. Each is either in the
 * offline buffer (not yet handed to a delegate, or to be handed again) or in flight in one or more
 * delegates' sessions, known there by the delegate's own ticket. The delegates' acknowledgements
 * come back through one listener per delegate, which maps them to RobustClient's tickets; the first
 * ending of a message is the only one the user's listener hears of.
 *
 * <p>Which delegate holds what decides what is sent again: a message held by the server just
 * connected is completed by that delegate's {@code connect(false)}, so it is never handed to it
 * again; every other open message goes back into the buffer (after a failover, or when a clean
 * connect discarded it), in ticket order ahead of the messages that came later.
 */
final class Outbox {

    /** One message taken by send, with private copies of its arrays (QoS 0 ones only once buffered). */
    static final class Entry {
        final long ticket;
        final byte[] topic;
        final byte[] payload;
        final boolean retain;
        final int qos;
        /** Per server, the delegate's ticket while its session holds this message, else 0. */
        final long[] heldAs;
        boolean buffered;
        boolean done;

        Entry(long ticket, byte[] topic, byte[] payload, boolean retain, int qos, int servers) {
            this.ticket = ticket;
            this.topic = topic;
            this.payload = payload;
            this.retain = retain;
            this.qos = qos;
            this.heldAs = new long[servers];
        }

        long size() {
            return (long) topic.length + payload.length;
        }
    }

    private final Servers servers;
    private final int maxMessages;
    private final long maxBytes;
    /** The buffer, in ticket order. */
    private final ArrayDeque<Entry> buffer = new ArrayDeque<>();
    private long bufferedBytes;
    /** Every message taken and not yet ended, by ticket. */
    private final Map<Long, Entry> open = new LinkedHashMap<>();
    /** Per server, the delegate's tickets of the messages its session holds. */
    private final List<Map<Long, Entry>> held = new ArrayList<>();
    /** Per server, the last ticket its delegate gave out (delegate tickets are consecutive). */
    private final long[] lastDelegateTicket;
    /** The first server whose delegate does not pipeline (no send, no ack listener), or -1. */
    private final int notPipelining;
    private AckListener listener;
    private long tickets;

    Outbox(Servers servers, int maxMessages, long maxBytes) {
        this.servers = servers;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.lastDelegateTicket = new long[servers.count()];
        int without = -1;
        for (int i = 0; i < servers.count(); i++) {
            held.add(new HashMap<>());
            int index = i;
            try {
                servers.client(i).setAckListener((t, failure) -> ended(index, t, failure));
            } catch (UnsupportedOperationException e) {
                without = without < 0 ? i : without; // send then says so; publish works as before
            }
        }
        this.notPipelining = without;
    }

    void setListener(AckListener listener) {
        this.listener = listener;
    }

    /** Messages taken and not yet acknowledged (or dropped, or failed): buffered and in flight. */
    int inFlight() {
        return open.size();
    }

    boolean hasBuffered() {
        return !buffer.isEmpty();
    }

    int bufferedCount() {
        return buffer.size();
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    int maxMessages() {
        return maxMessages;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Throws unless every delegate can send: a failover must not find one that cannot. */
    void requirePipelining() {
        if (notPipelining >= 0) {
            throw new UnsupportedOperationException("the client of server " + (notPipelining + 1)
                    + " does not pipeline publishes (no send): wrap SimpleClients, or use publish");
        }
    }

    /** Whether a message of {@code size} bytes fits into the buffer now. */
    boolean fits(long size) {
        return buffer.size() < maxMessages && size <= maxBytes - bufferedBytes;
    }

    /** Takes a new message into the buffer (copying its arrays) and returns its ticket. */
    long buffer(byte[] topic, byte[] msg, boolean retain, int qos) {
        Entry e = new Entry(++tickets, topic.clone(), msg.clone(), retain, qos, servers.count());
        open.put(e.ticket, e);
        buffer.addLast(e);
        e.buffered = true;
        bufferedBytes += e.size();
        return e.ticket;
    }

    /** Drops the oldest buffered message; the listener hears of it (an exception from it leaves this call). */
    void dropOldest(String why) {
        Entry e = buffer.peekFirst();
        finish(e, new IOException("message " + e.ticket + " was dropped from the full offline buffer (" + why
                + ") to make room for a newer one: it is not published"));
    }

    /**
     * Hands the buffered messages to the current (connected) delegate, in order.
     *
     * @throws IOException when the link fails; the message being handed stays in the delegate's
     *     session (QoS 1/2) or at the head of the buffer (QoS 0)
     */
    void drain() throws IOException {
        Entry e;
        while ((e = buffer.peekFirst()) != null) {
            unbuffer(e);
            try {
                hand(e);
            } catch (IllegalArgumentException | NullPointerException refused) {
                finish(e, refused); // checked when it was taken, so not expected: the listener hears why
            }
        }
    }

    /**
     * Hands a new message to the current (connected) delegate and returns its ticket. A QoS 1/2
     * message is copied first; a QoS 0 one only if the link fails while it is written.
     *
     * @throws IOException when the link failed: the message was taken all the same (its ticket is
     *     in the exception's place: {@link #tickets()} tells it), in the delegate's session or buffered
     */
    long handNew(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        int index = servers.current();
        MqttClient d = servers.client();
        long ticket = ++tickets;
        if (qos == 0) {
            try {
                d.send(topic, msg, retain, 0);
                lastDelegateTicket[index]++;
                return ticket;
            } catch (IOException ex) {
                lastDelegateTicket[index]++;
                Entry e = new Entry(ticket, topic.clone(), msg.clone(), retain, 0, servers.count());
                open.put(ticket, e);
                rebuffer(e);
                throw ex;
            } catch (IllegalArgumentException | NullPointerException ex) {
                tickets--; // the delegate refused the arguments: nothing was taken
                throw ex;
            }
        }
        Entry e = new Entry(ticket, topic.clone(), msg.clone(), retain, qos, servers.count());
        open.put(ticket, e);
        try {
            hand(e);
        } catch (IllegalArgumentException | NullPointerException ex) {
            open.remove(ticket); // the delegate refused the arguments: nothing was taken
            tickets--;
            throw ex;
        }
        return ticket;
    }

    long tickets() {
        return tickets;
    }

    /**
     * Hands one message to the current delegate. Its ticket there is predicted before the call,
     * since an acknowledgement may come back inside it (a window of 1) or the call may throw after
     * taking one (a message in the session).
     */
    private void hand(Entry e) throws IOException {
        int index = servers.current();
        MqttClient d = servers.client();
        long predicted = lastDelegateTicket[index] + 1;
        if (e.qos > 0) {
            hold(e, index, predicted);
        }
        long got;
        try {
            got = d.send(e.topic, e.payload, e.retain, e.qos);
        } catch (IOException ex) {
            lastDelegateTicket[index] = predicted;
            if (e.qos == 0) {
                rebuffer(e); // best effort: sent again after the reconnect
            }
            throw ex;
        } catch (IllegalArgumentException | NullPointerException ex) {
            release(e, index); // refused before it took a ticket
            throw ex;
        } catch (RuntimeException ex) {
            lastDelegateTicket[index] = predicted; // a callback or listener threw after the message was taken
            throw ex;
        }
        lastDelegateTicket[index] = got;
        if (got != predicted && e.qos > 0 && !e.done) {
            release(e, index); // a delegate used outside this client before: trust its word
            hold(e, index, got);
        }
        if (e.qos == 0) {
            finish(e, null);
        }
    }

    private void hold(Entry e, int index, long delegateTicket) {
        e.heldAs[index] = delegateTicket;
        held.get(index).put(delegateTicket, e);
    }

    private void release(Entry e, int index) {
        if (e.heldAs[index] != 0) {
            held.get(index).remove(e.heldAs[index]);
            e.heldAs[index] = 0;
        }
    }

    /**
     * A link to server {@code index} is up and its delegate resumed what its session held: every
     * other open message goes back into the buffer, to be handed to this server.
     */
    void linked(int index) {
        List<Entry> again = new ArrayList<>();
        for (Entry e : open.values()) {
            if (!e.buffered && e.heldAs[index] == 0) {
                again.add(e);
            }
        }
        for (Entry e : again) {
            rebuffer(e);
        }
    }

    /** Forgets every message: an explicit clean connect; the listener hears of each. */
    void discardAll() {
        List<Entry> all = new ArrayList<>(open.values());
        RuntimeException thrown = null;
        for (Entry e : all) {
            try {
                finish(e, new IOException("discarded unacknowledged: connect(true) started a clean session"));
            } catch (RuntimeException ex) {
                thrown = thrown == null ? ex : thrown;
            }
        }
        if (thrown != null) {
            throw thrown;
        }
    }

    /** A delegate's listener heard of one of its tickets. */
    private void ended(int index, long delegateTicket, Exception failure) {
        Entry e = held.get(index).remove(delegateTicket);
        if (e == null) {
            return; // a QoS 0 ticket, or one this client did not hand out
        }
        e.heldAs[index] = 0;
        if (e.done) {
            return; // already acknowledged elsewhere: a stale server's session completed it late
        }
        if (failure == null || failure instanceof MqttException || !(failure instanceof IOException)) {
            finish(e, failure); // acknowledged, or the broker broke the exchange: final
        } else if (!e.buffered && e.heldAs[servers.current()] == 0) {
            rebuffer(e); // discarded by a clean connect: sent again
        }
    }

    /** Puts a message (back) into the buffer, keeping ticket order. */
    private void rebuffer(Entry e) {
        e.buffered = true;
        bufferedBytes += e.size();
        if (buffer.isEmpty() || e.ticket < buffer.peekFirst().ticket) {
            buffer.addFirst(e);
            return;
        }
        if (e.ticket > buffer.peekLast().ticket) {
            buffer.addLast(e);
            return;
        }
        List<Entry> all = new ArrayList<>(buffer);
        int at = 0;
        while (all.get(at).ticket < e.ticket) {
            at++;
        }
        all.add(at, e);
        buffer.clear();
        buffer.addAll(all);
    }

    private void unbuffer(Entry e) {
        if (e.buffered) {
            e.buffered = false;
            bufferedBytes -= e.size();
            if (buffer.peekFirst() == e) {
                buffer.pollFirst();
            } else {
                buffer.remove(e);
            }
        }
    }

    /** Ends a message; the listener hears of it unless it was a QoS 0 message that went out. */
    private void finish(Entry e, Exception failure) {
        e.done = true;
        open.remove(e.ticket);
        unbuffer(e);
        AckListener l = listener;
        if (l != null && (e.qos > 0 || failure != null)) {
            l.completed(e.ticket, failure);
        }
    }
}

package umqtt.simple;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import umqtt.api.Message;
import umqtt.api.MessageCallback;
import umqtt.simple.codec.PacketType;

/**
 * Hands inbound messages to the callback: one at a time (a message that arrives while the
 * callback runs, because the callback itself publishes or subscribes, waits in a bounded queue
 * until it returns), QoS 1 acknowledged after the callback returns, QoS 2 delivered exactly once.
 */
final class Delivery {

    private final Session session;
    private final Supplier<Connection> link;
    private final int maxDeferred;
    private final boolean drainDeferred;
    private final long maxDeferredBytes;
    private long deferredBytes;
    private final ArrayDeque<Deferred> deferred = new ArrayDeque<>();
    private MessageCallback callback;
    private boolean inCallback;
    /** The QoS 2 packet id whose callback is running, 0 for none. */
    private int deliveringQos2;

    /**
     * @param session where inbound QoS 2 ids are kept
     * @param link the client's current link, null while disconnected
     * @param maxDeferred how many messages may wait while the callback runs
     * @param maxDeferredBytes how many bytes of topics and payloads they may hold
     * @param drainDeferred whether a delivery goes on to deliver what arrived meanwhile (threads share the client)
     */
    Delivery(Session session, Supplier<Connection> link, int maxDeferred, long maxDeferredBytes,
            boolean drainDeferred) {
        this.session = session;
        this.link = link;
        this.maxDeferred = maxDeferred;
        this.drainDeferred = drainDeferred;
        this.maxDeferredBytes = maxDeferredBytes;
    }

    void setCallback(MessageCallback callback) {
        this.callback = callback;
    }

    boolean hasCallback() {
        return callback != null;
    }

    /** @return true while the callback runs and the queue for later messages is full: stop reading */
    boolean full() {
        return inCallback && (deferred.size() >= maxDeferred || deferredBytes >= maxDeferredBytes);
    }

    /** @return how many messages may wait while the callback runs */
    int maxDeferred() {
        return maxDeferred;
    }

    /** A PUBLISH that arrived on {@code arrivedOn}: delivered now, or after the running callback returns. */
    void receive(Message m, int id, Connection arrivedOn) throws IOException {
        if (m.qos() == 2 && session.hasInbound(id)) {
            if (!awaitingDelivery(id)) {
                arrivedOn.writeAck(PacketType.PUBREC, id); // delivered already: exactly once
            }
            return; // a re-send of a message not yet delivered: acknowledged once it has been
        }
        if (inCallback) {
            if (m.qos() == 2) {
                session.addInbound(id);
            }
            deferred.add(new Deferred(m, id, arrivedOn));
            deferredBytes += size(m);
            return;
        }
        deliver(m, id, arrivedOn);
        while (drainDeferred && deliverDeferred()) {
            // A shared client: messages routed by other threads while the callback ran are delivered
            // now, not left for a waitMsg that may be blocked in a read.
        }
    }

    /** Whether the QoS 2 message with this id is in its callback or waiting for its turn. */
    private boolean awaitingDelivery(int id) {
        if (inCallback && id == deliveringQos2) {
            return true;
        }
        for (Deferred d : deferred) {
            if (d.packetId == id && d.message.qos() == 2) {
                return true;
            }
        }
        return false;
    }

    /**
     * Delivers the oldest waiting message, unless a callback is running.
     *
     * @return whether one was delivered
     */
    boolean deliverDeferred() throws IOException {
        if (inCallback) {
            return false;
        }
        Deferred d = deferred.poll();
        if (d == null) {
            return false;
        }
        deferredBytes -= size(d.message);
        deliver(d.message, d.packetId, d.arrivedOn);
        return true;
    }

    private void deliver(Message m, int id, Connection arrivedOn) throws IOException {
        MessageCallback cb = callback;
        if (cb == null) {
            throw new IllegalStateException("a message arrived on '" + m.topicString() + "' but no callback is set: "
                    + "call setCallback(...) before connecting");
        }
        int epoch = session.epoch();
        if (m.qos() == 2) {
            // Recorded before the callback runs: should the callback reconnect (RobustClient does,
            // when its own publish fails), the server's re-send is recognised as this message.
            session.addInbound(id);
            deliveringQos2 = id;
        }
        inCallback = true;
        try {
            cb.onMessage(m);
        } catch (RuntimeException | Error e) {
            if (m.qos() == 2 && session.epoch() == epoch) {
                session.removeInbound(id); // not taken: unacknowledged, so its re-send is delivered again
            }
            throw e;
        } finally {
            inCallback = false;
            deliveringQos2 = 0;
        }
        acknowledge(m.qos(), id, arrivedOn, epoch);
    }

    /**
     * Acknowledges a delivered message where that still means something: QoS 1 only on the link
     * it came on (on a new one the server re-sends it, and that copy is acknowledged), QoS 2 on
     * the current link while the session lives on (the server awaits PUBREC for it there).
     */
    private void acknowledge(int qos, int id, Connection arrivedOn, int epoch) throws IOException {
        Connection now = link.get();
        if (now == null || !now.isOpen()) {
            return; // the callback disconnected: the server sends the message again in the next session
        }
        if (qos == 1 && now == arrivedOn) {
            now.writeAck(PacketType.PUBACK, id);
        } else if (qos == 2 && session.epoch() == epoch) {
            now.writeAck(PacketType.PUBREC, id);
        }
    }

    /**
     * The link is gone: QoS 1 and 2 messages still waiting were never acknowledged, so the server
     * sends them again on the next connection with the session; QoS 0 messages are still delivered.
     */
    void linkDropped() {
        deferred.removeIf(d -> {
            if (d.message.qos() == 0) {
                return false;
            }
            if (d.message.qos() == 2) {
                session.removeInbound(d.packetId);
            }
            deferredBytes -= size(d.message);
            return true;
        });
    }

    private static long size(Message m) {
        return m.topic().length + (long) m.payload().length;
    }

    /** A message received while the callback ran. */
    private record Deferred(Message message, int packetId, Connection arrivedOn) {
    }
}

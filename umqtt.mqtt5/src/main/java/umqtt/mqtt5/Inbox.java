package umqtt.mqtt5;

import java.io.IOException;
import java.util.ArrayDeque;
import umqtt.api.Message;
import umqtt.api.MessageCallback;

/**
 * Hands received messages to the callback, one at a time: a message that arrives while the
 * callback runs (its own publish waiting for PUBACK) is held and delivered after it returns. A
 * QoS 1 message is acknowledged after its delivery, a QoS 2 one is PUBREC'd then; until then it
 * counts against the client's Receive Maximum.
 *
 * <p>The standard counts a QoS 2 message until PUBCOMP (MQTT-3.3.4-9); Mosquitto 2.0 counts it
 * until PUBREC and so, in a burst, sends more while earlier ones await PUBREL (20 against 10 seen).
 * The client holds nothing of a message once it sent PUBREC but its packet identifier (at most
 * 65,535 of them), so it refuses a server (0x93) only when the messages it has not answered yet (no
 * PUBACK or PUBREC sent) exceed its Receive Maximum.
 */
final class Inbox {

    private final SessionState session;
    private final int maxDeferred;
    /** The bytes of topics and payloads held at most: one largest packet, so one such message always fits. */
    private final long maxDeferredBytes;
    private long heldBytes;
    /** Shared client: messages other threads routed while the callback ran are delivered when it returns. */
    private final boolean drain;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private MessageCallback plain;
    private Mqtt5Callback rich;
    private boolean inCallback;
    private int qos1Unacknowledged;
    /** QoS 2 messages received and not PUBREC'd yet (held, or in the callback). */
    private int qos2Unanswered;
    private int deliveringQos2;

    Inbox(SessionState session, int maxDeferred, long maxDeferredBytes, boolean drain) {
        this.session = session;
        this.maxDeferred = maxDeferred;
        this.maxDeferredBytes = maxDeferredBytes;
        this.drain = drain;
    }

    void callback(MessageCallback cb) {
        plain = cb;
        rich = null;
    }

    void callback(Mqtt5Callback cb) {
        rich = cb;
        plain = null;
    }

    boolean hasCallback() {
        return plain != null || rich != null;
    }

    /** @return whether the callback runs and holds as many messages as it may: stop reading */
    boolean full() {
        return inCallback && (held.size() >= maxDeferred || heldBytes >= maxDeferredBytes);
    }

    /** @return the QoS 1/2 messages received and not acknowledged in full (PUBREL awaited too): the standard's count */
    int unacknowledged() {
        return qos1Unacknowledged + session.inboundCount();
    }

    /** @return the QoS 1/2 messages received and not answered yet (no PUBACK or PUBREC sent) */
    int unanswered() {
        return qos1Unacknowledged + qos2Unanswered;
    }

    /** @return whether {@code id} is a QoS 2 message already received (a re-send, not a new one) */
    boolean knows(int id) {
        return session.hasInbound(id);
    }

    void receive(Message m, PublishProperties props, int id, Link from) throws IOException {
        if (m.qos() == 2 && session.hasInbound(id)) {
            if (!pending(id)) {
                from.ack(5, id, 0); // delivered already: PUBREC again, exactly once
            }
            return;
        }
        if (m.qos() == 1) {
            qos1Unacknowledged++;
        } else if (m.qos() == 2) {
            session.addInbound(id);
            qos2Unanswered++;
        }
        if (inCallback) {
            held.add(new Held(m, props, id, from));
            heldBytes += size(m);
            return;
        }
        deliver(m, props, id, from);
        while (drain && deliverHeld(from)) {
            // a shared client: not left for a waitMsg that may be blocked in a read
        }
    }

    private boolean pending(int id) {
        if (inCallback && deliveringQos2 == id) {
            return true;
        }
        for (Held h : held) {
            if (h.id == id && h.message.qos() == 2) {
                return true;
            }
        }
        return false;
    }

    /** Delivers one held message; false when there is none or the callback is running. */
    boolean deliverHeld(Link current) throws IOException {
        if (inCallback || held.isEmpty()) {
            return false;
        }
        Held h = held.poll();
        heldBytes -= size(h.message);
        deliver(h.message, h.properties, h.id, h.from);
        return true;
    }

    private void deliver(Message m, PublishProperties props, int id, Link from) throws IOException {
        if (!hasCallback()) {
            if (m.qos() == 1) {
                qos1Unacknowledged--;
            } else if (m.qos() == 2) {
                session.removeInbound(id); // not taken: its re-send is delivered once there is a callback
                qos2Unanswered--;
            }
            throw new IllegalStateException("a message arrived on '" + m.topicString() + "' but no callback is set: "
                    + "call setCallback(...) before subscribing");
        }
        int generation = session.generation();
        deliveringQos2 = m.qos() == 2 ? id : 0;
        inCallback = true;
        try {
            if (rich != null) {
                rich.onMessage(m, props);
            } else {
                plain.onMessage(m);
            }
        } catch (RuntimeException | Error e) {
            if (m.qos() == 2) {
                qos2Unanswered--;
            }
            if (m.qos() == 2 && session.generation() == generation) {
                session.removeInbound(id); // not taken: its re-send is delivered again
            } else if (m.qos() == 1) {
                qos1Unacknowledged--;
            }
            throw e;
        } finally {
            inCallback = false;
            deliveringQos2 = 0;
        }
        if (m.qos() == 1) {
            qos1Unacknowledged--;
            if (from.isOpen()) {
                from.ack(4, id, 0);
            }
        } else if (m.qos() == 2) {
            qos2Unanswered--;
            if (session.generation() == generation && from.isOpen()) {
                from.ack(5, id, 0);
            }
        }
    }

    /** The link is gone: its unacknowledged messages come again on the next; QoS 0 ones are still delivered. */
    void linkDropped() {
        held.removeIf(h -> {
            if (h.message.qos() == 2) {
                session.removeInbound(h.id);
                qos2Unanswered--;
            } else if (h.message.qos() == 1) {
                qos1Unacknowledged--;
            }
            if (h.message.qos() > 0) {
                heldBytes -= size(h.message);
                return true;
            }
            return false;
        });
    }

    private static long size(Message m) {
        return (long) m.topic().length + m.payload().length;
    }

    private record Held(Message message, PublishProperties properties, int id, Link from) {
    }
}

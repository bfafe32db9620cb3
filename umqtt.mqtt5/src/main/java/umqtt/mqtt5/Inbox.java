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
 */
final class Inbox {

    private final SessionState session;
    private final int maxDeferred;
    /** Shared client: messages other threads routed while the callback ran are delivered when it returns. */
    private final boolean drain;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private MessageCallback plain;
    private Mqtt5Callback rich;
    private boolean inCallback;
    private int qos1Unacknowledged;
    private int deliveringQos2;

    Inbox(SessionState session, int maxDeferred, boolean drain) {
        this.session = session;
        this.maxDeferred = maxDeferred;
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
        return inCallback && held.size() >= maxDeferred;
    }

    /** @return the QoS 1/2 messages received and not yet acknowledged in full: the server's in-flight count */
    int unacknowledged() {
        return qos1Unacknowledged + session.inboundCount();
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
        }
        if (inCallback) {
            held.add(new Held(m, props, id, from));
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
        deliver(h.message, h.properties, h.id, h.from);
        return true;
    }

    private void deliver(Message m, PublishProperties props, int id, Link from) throws IOException {
        if (!hasCallback()) {
            if (m.qos() == 1) {
                qos1Unacknowledged--;
            } else if (m.qos() == 2) {
                session.removeInbound(id); // not taken: its re-send is delivered once there is a callback
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
        } else if (m.qos() == 2 && session.generation() == generation && from.isOpen()) {
            from.ack(5, id, 0);
        }
    }

    /** The link is gone: its unacknowledged messages come again on the next; QoS 0 ones are still delivered. */
    void linkDropped() {
        held.removeIf(h -> {
            if (h.message.qos() == 2) {
                session.removeInbound(h.id);
            } else if (h.message.qos() == 1) {
                qos1Unacknowledged--;
            }
            return h.message.qos() > 0;
        });
    }

    private record Held(Message message, PublishProperties properties, int id, Link from) {
    }
}

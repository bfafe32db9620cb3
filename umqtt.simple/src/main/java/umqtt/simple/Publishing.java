package umqtt.simple;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import umqtt.api.AckListener;
import umqtt.api.spi.TimeSource;
import umqtt.simple.codec.PacketType;

/**
 * The outbound messages: the blocking {@code publish}, the pipelined {@code send} with its
 * in-flight window, and {@code flush}. A QoS 1/2 message enters the {@link Session} before it is
 * written, so any {@link IOException} leaves it there for {@code connect(false)}.
 */
final class Publishing {

    private final Operations ops;
    private final Session session;
    private final Answers answers;
    private final TimeSource time;
    private final int maxInFlight;
    /** Whether a send that filled the window waits for a slot before it returns (one thread only). */
    private final boolean waitAfterWriting;
    /** The last ticket {@code send} gave out. */
    private long tickets;

    Publishing(Operations ops, Session session, Answers answers, ClientSettings settings) {
        this.ops = ops;
        this.session = session;
        this.answers = answers;
        this.time = settings.time();
        this.maxInFlight = settings.maxInFlight();
        this.waitAfterWriting = !settings.shared();
    }

    void publish(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        check(topic, msg, qos);
        ops.enter();
        try {
            Connection c = ops.connected();
            if (qos == 0) {
                writeQos0(c, topic, msg, retain);
                return;
            }
            Session.Outbound o = admit(c, 0, topic, msg, qos, retain);
            try {
                answers.awaitCompletion(o);
            } catch (RuntimeException | IOException e) {
                o.detach(); // the caller may reuse its arrays; the message stays in the session
                if (e instanceof IOException) {
                    ops.dropLink(c);
                }
                throw e;
            }
        } finally {
            ops.exit();
        }
    }

    /**
     * Writes the message and returns its ticket. A QoS 1/2 message is copied into the session once
     * a slot in the window is free; when it filled the window, acknowledgements are read until one
     * frees before the call returns. So one thread's messages go out in the order of its calls,
     * also when its callback publishes during that wait, and the slot is normally free already when
     * the next send comes (not after a wait the callback or the listener ended by throwing, nor in
     * a shared client, where the other threads take the slots: there the call waits before writing,
     * and not after).
     *
     * @param topicIsOurs whether {@code topic} is the client's own array, which nobody changes
     */
    long send(byte[] topic, boolean topicIsOurs, byte[] msg, boolean retain, int qos) throws IOException {
        check(topic, msg, qos);
        ops.enter();
        try {
            Connection c = ops.connected();
            long ticket = ++tickets;
            if (qos == 0) {
                writeQos0(c, topic, msg, retain);
            } else {
                admit(c, ticket, topicIsOurs ? topic : topic.clone(), msg.clone(), qos, retain);
                try {
                    awaitSlot(waitAfterWriting);
                } catch (IOException e) {
                    ops.dropLink(c); // the message stays in the session for connect(false)
                    throw e;
                }
            }
            return ticket;
        } finally {
            ops.exit();
        }
    }

    /**
     * Waits for a slot in the window (a blocking publish too: the window is what the broker may
     * be sent at once), takes the message into the session and writes it. Whatever
     * {@link IOException} ends this leaves the message in the session, written or not, so
     * {@code connect(false)} sends it in its turn; a callback's exception while waiting for the slot
     * leaves it out, and a sent message's listener hears that it was not sent.
     */
    private Session.Outbound admit(Connection c, long ticket, byte[] topic, byte[] msg, int qos, boolean retain)
            throws IOException {
        Session.Outbound o = null;
        try {
            awaitSlot(true);
            o = session.add(ticket, topic, msg, qos, retain);
            o.written = true;
            c.writePublish(topic, msg, qos, retain, false, o.packetId);
            o.writtenAt = c.lastSent();
            return o;
        } catch (IOException e) {
            if (o == null) {
                o = session.add(ticket, topic, msg, qos, retain);
            }
            if (ticket == 0) {
                o.detach(); // a blocking publish's arrays are the caller's again once it throws
            }
            ops.dropLink(c);
            throw e;
        } catch (RuntimeException e) {
            if (o == null) {
                session.notSent(ticket, e);
            }
            throw e;
        }
    }

    /**
     * Completes the unacknowledged messages of the previous connection in their original order
     * (MQTT 3.1.1 §4.4, [MQTT-4.6.0-1..4]): re-sent with DUP when the server kept the session and
     * had them, published afresh otherwise; PUBREL again for those already received. Never more
     * than the window at once: the session may hold more (messages taken while a link failed), and
     * a broker that receives more than it allows may drop them without a word (Mosquitto answers
     * the QoS 2 PUBLISH over its limit with a PUBREC and discards it).
     */
    void resume(Connection c, boolean sessionPresent) throws IOException {
        List<Session.Outbound> unfinished = new ArrayList<>(session.outbound());
        int written = 0;
        for (Session.Outbound o : unfinished) {
            while (written - completed(unfinished, written) >= maxInFlight) {
                Session.Outbound oldest = firstOpen(unfinished);
                answers.awaitStep(oldest.writtenAt, oldest.awaited(), Connection.NO_DEADLINE);
            }
            if (!o.complete) {
                if (o.released) {
                    c.writeAck(PacketType.PUBREL, o.packetId);
                } else {
                    c.writePublish(o.topic, o.payload, o.qos, o.retain, sessionPresent && o.written, o.packetId);
                    o.written = true;
                }
                o.writtenAt = c.lastSent();
            }
            written++;
        }
        for (Session.Outbound o : unfinished) {
            answers.awaitCompletion(o);
        }
    }

    private static int completed(List<Session.Outbound> messages, int upTo) {
        int n = 0;
        for (int i = 0; i < upTo; i++) {
            if (messages.get(i).complete) {
                n++;
            }
        }
        return n;
    }

    private static Session.Outbound firstOpen(List<Session.Outbound> messages) {
        for (Session.Outbound o : messages) {
            if (!o.complete) {
                return o;
            }
        }
        throw new IllegalStateException("no message open"); // unreachable: the caller counted one
    }

    /** Reads, when {@code needed}, until fewer than the window's messages await acknowledgement. */
    private void awaitSlot(boolean needed) throws IOException {
        while (needed && session.inFlight() >= maxInFlight) {
            Session.Outbound oldest = session.outbound().get(0);
            answers.awaitStep(oldest.writtenAt, oldest.awaited(), Connection.NO_DEADLINE);
        }
    }

    /** Reads until no sent message awaits acknowledgement, or until the timeout; true when none does. */
    boolean flush(Duration timeout) throws IOException {
        ClientSettings.positive(timeout, "flush timeout");
        ops.enter();
        try {
            if (session.inFlight() == 0) {
                return true;
            }
            Connection c = ops.connected();
            long limit = time.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
            try {
                while (session.inFlight() > 0) {
                    if (time.nanoTime() - limit >= 0) {
                        return false;
                    }
                    Session.Outbound oldest = session.outbound().get(0);
                    answers.awaitStep(oldest.writtenAt, oldest.awaited(), limit);
                }
                return true;
            } catch (IOException e) {
                ops.dropLink(c);
                throw e;
            }
        } finally {
            ops.exit();
        }
    }

    int inFlight() {
        return session.inFlight();
    }

    void setAckListener(AckListener listener) {
        session.setListener(Objects.requireNonNull(listener, "listener"));
    }

    private void writeQos0(Connection c, byte[] topic, byte[] msg, boolean retain) throws IOException {
        try {
            c.writePublish(topic, msg, 0, retain, false, 0);
        } catch (IOException e) {
            ops.dropLink(c);
            throw e;
        }
    }

    private static void check(byte[] topic, byte[] msg, int qos) {
        Topics.checkName(topic, "publish topic");
        Objects.requireNonNull(msg, "msg");
        Operations.checkQos(qos);
    }
}

package umqtt.mqtt5;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import umqtt.mqtt5.codec.PacketEncoder;
import umqtt.mqtt5.codec.Properties;
import umqtt.simple.codec.RemainingLength;

/**
 * Outbound messages: the blocking {@code publish}, the pipelined {@code send} within the window
 * (the smaller of {@code maxInFlight} and the server's Receive Maximum, MQTT-3.3.4-7), {@code flush},
 * and the re-sending of a session's messages on {@code connect(false)}. Every limit of the CONNACK is
 * checked before a message enters the session: Maximum QoS (MQTT-3.2.2-11), Retain Available
 * (MQTT-3.2.2-14), Maximum Packet Size (MQTT-3.2.2-15).
 */
final class Outgoing {

    private static final byte[] NO_TOPIC = new byte[0];

    private final Engine engine;
    private final SessionState session;
    private long tickets;
    private PublishProperties lastProperties;
    private Properties lastWire;
    private String lastTopic = "";
    private byte[] lastTopicBytes = NO_TOPIC;

    Outgoing(Engine engine) {
        this.engine = engine;
        this.session = engine.session;
    }

    /** @return the reason code of the final acknowledgement (PUBACK, or PUBREC for QoS 2); 0 for QoS 0 */
    int publish(byte[] topic, byte[] msg, boolean retain, int qos, PublishProperties props) throws IOException {
        engine.enter();
        try {
            Link c = engine.connected();
            Properties wire = check(c, topic, msg, retain, qos, props);
            if (qos == 0) {
                writeQos0(c, topic, msg, retain, wire);
                return 0;
            }
            Flight f = admit(c, 0, topic, msg, qos, retain, props, wire);
            try {
                while (!f.done) {
                    engine.awaitStep(f.writtenAt, f.awaited(), Link.NO_DEADLINE);
                }
            } catch (IOException | RuntimeException e) {
                f.ownArrays(); // the caller may reuse its arrays; the message stays in the session
                if (e instanceof IOException) {
                    engine.dropLink(c);
                }
                throw e;
            }
            if (f.failure instanceof Mqtt5Exception m) {
                throw m;
            }
            return f.reason;
        } finally {
            engine.exit();
        }
    }

    long send(byte[] topic, byte[] msg, boolean retain, int qos, PublishProperties props) throws IOException {
        engine.enter();
        try {
            Link c = engine.connected();
            Properties wire = check(c, topic, msg, retain, qos, props);
            long ticket = ++tickets;
            if (qos == 0) {
                writeQos0(c, topic, msg, retain, wire);
                return ticket;
            }
            admit(c, ticket, topic.clone(), msg.clone(), qos, retain, props, wire);
            try {
                if (!engine.turns.shared()) {
                    awaitSlot(); // a full window frees a slot before the call returns: this thread's order is kept
                }
            } catch (IOException e) {
                engine.dropLink(c);
                throw e;
            }
            return ticket;
        } finally {
            engine.exit();
        }
    }

    private Properties check(Link c, byte[] topic, byte[] msg, boolean retain, int qos, PublishProperties props) {
        TopicNames.checkName(topic, "publish topic");
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(props, "properties");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2 but was " + qos);
        }
        Connack limits = engine.connack();
        if (qos > limits.maximumQos()) {
            throw new IllegalArgumentException("the server accepts at most QoS " + limits.maximumQos()
                    + " (CONNACK Maximum QoS, MQTT-3.2.2-11): publish with a lower QoS");
        }
        if (retain && !limits.retainAvailable()) {
            throw new IllegalArgumentException("the server does not support retained messages (CONNACK Retain Available "
                    + "0, MQTT-3.2.2-14): publish with retain=false");
        }
        Properties wire = props == PublishProperties.NONE ? null : props == lastProperties ? lastWire : convert(props);
        // As sent with a Topic Alias (3 bytes more) when aliases are in use: the largest it can be.
        long size = PacketEncoder.publishLength(topic.length, engine.aliases.inUse() ? 1 : 0, qos, wire, msg.length);
        size += 1 + RemainingLength.size((int) Math.min(size, RemainingLength.MAX));
        if (size > c.serverMaximum() || size > RemainingLength.MAX) {
            throw new IllegalArgumentException("the message makes a PUBLISH of " + size + " bytes, over the server's "
                    + "Maximum Packet Size of " + Math.min(c.serverMaximum(), RemainingLength.MAX + 5L)
                    + " bytes (MQTT-3.2.2-15): it was not sent; send a smaller payload");
        }
        return wire;
    }

    /**
     * @return the UTF-8 bytes of {@code topic}, cached for the last topic: publishing to a constant
     *     String allocates nothing
     */
    byte[] topicBytes(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic != lastTopic) {
            byte[] b = umqtt.mqtt5.codec.Strings.utf8(topic, "publish topic"); // no U+0000, no lone surrogate
            lastTopic = topic;
            lastTopicBytes = b;
        }
        return lastTopicBytes;
    }

    private Properties convert(PublishProperties props) {
        lastWire = WireProperties.of(props);
        lastProperties = props;
        return lastWire;
    }

    private void writeQos0(Link c, byte[] topic, byte[] msg, boolean retain, Properties wire) throws IOException {
        try {
            int alias = engine.aliases.alias(topic);
            c.publish(alias > 0 && !engine.aliases.fresh() ? NO_TOPIC : topic, alias, msg, 0, retain, false, 0,
                    wire);
        } catch (IOException e) {
            engine.dropLink(c);
            throw e;
        }
    }

    /** Waits for a slot, takes the message into the session and writes it; an IOException leaves it there. */
    private Flight admit(Link c, long ticket, byte[] topic, byte[] msg, int qos, boolean retain, PublishProperties props,
            Properties wire) throws IOException {
        Flight f = null;
        try {
            awaitSlot();
            f = session.add(ticket, topic, msg, qos, retain, props);
            f.written = true;
            int alias = engine.aliases.alias(topic);
            c.publish(alias > 0 && !engine.aliases.fresh() ? NO_TOPIC : topic, alias, msg, qos, retain, false,
                    f.packetId, wire);
            f.writtenAt = c.lastSent();
            return f;
        } catch (IOException e) {
            if (f == null) {
                f = session.add(ticket, topic, msg, qos, retain, props);
            }
            if (ticket == 0) {
                f.ownArrays();
            }
            engine.dropLink(c);
            throw e;
        } catch (RuntimeException e) {
            if (f == null) {
                session.tell(ticket, new IOException("not sent: " + e + " was thrown while send waited for a slot in "
                        + "the in-flight window", e));
            }
            throw e;
        }
    }

    private int window() {
        Connack limits = engine.connack();
        return Math.min(engine.config.maxInFlight, limits == null ? 65_535 : limits.receiveMaximum());
    }

    private void awaitSlot() throws IOException {
        while (session.inFlight() >= window()) {
            Flight oldest = session.outbound().get(0);
            engine.awaitStep(oldest.writtenAt, oldest.awaited(), Link.NO_DEADLINE);
        }
    }

    /**
     * Completes the previous link's messages in their order, within the window: re-sent with DUP
     * when the server kept the session and had them (MQTT-4.4.0-1), PUBREL again for those it
     * PUBREC'd; always with the full topic, since aliases died with the old link (MQTT-3.3.2-7).
     */
    void resume(Link c, boolean sessionPresent) throws IOException {
        List<Flight> open = new ArrayList<>(session.outbound());
        int sent = 0;
        for (Flight f : open) {
            while (sent - done(open, sent) >= window()) {
                Flight oldest = firstOpen(open);
                engine.awaitStep(oldest.writtenAt, oldest.awaited(), Link.NO_DEADLINE);
            }
            if (!f.done) {
                if (f.released) {
                    c.ack(6, f.packetId, 0);
                } else {
                    c.publish(f.topic, 0, f.payload, f.qos, f.retain, sessionPresent && f.written, f.packetId,
                            WireProperties.of(f.properties));
                    f.written = true;
                }
                f.writtenAt = c.lastSent();
            }
            sent++;
        }
        for (Flight f : open) {
            while (!f.done) {
                engine.awaitStep(f.writtenAt, f.awaited(), Link.NO_DEADLINE);
            }
        }
    }

    private static int done(List<Flight> flights, int upTo) {
        int n = 0;
        for (int i = 0; i < upTo; i++) {
            n += flights.get(i).done ? 1 : 0;
        }
        return n;
    }

    private static Flight firstOpen(List<Flight> flights) {
        for (Flight f : flights) {
            if (!f.done) {
                return f;
            }
        }
        throw new IllegalStateException("no message open");
    }

    boolean flush(Duration timeout) throws IOException {
        Config.positive(timeout, "flush timeout");
        engine.enter();
        try {
            if (session.inFlight() == 0) {
                return true;
            }
            Link c = engine.connected();
            long limit = engine.time.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
            try {
                while (session.inFlight() > 0) {
                    if (engine.time.nanoTime() - limit >= 0) {
                        return false;
                    }
                    Flight oldest = session.outbound().get(0);
                    engine.awaitStep(oldest.writtenAt, oldest.awaited(), limit);
                }
                return true;
            } catch (IOException e) {
                engine.dropLink(c);
                throw e;
            }
        } finally {
            engine.exit();
        }
    }
}

package umqtt.tests.model;

import static umqtt.tests.virtual.WirePacket.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import umqtt.tests.virtual.ServerHandler;
import umqtt.tests.virtual.Traffic;
import umqtt.tests.virtual.VirtualClock;
import umqtt.tests.virtual.VirtualConnection;
import umqtt.tests.virtual.WirePacket;

/**
 * The broker of a model-based run: answers like a broker, after the delay the run sets, keeps a
 * session across links when told to, re-sends its unfinished messages to a resumed session, and
 * checks every packet the client sends against the protocol: packet ids never 0 and never reused
 * while in flight, DUP on re-sends, PUBACK only after the callback returned.
 */
final class BrokerModel implements ServerHandler {

    private final Scenario scenario;
    private final VirtualClock clock;
    private final Publications pubs;
    private final Deliveries msgs;
    private final List<String> violations;

    private long answerDelayMs;
    private boolean keepSession = true;
    private boolean hasSession;
    private boolean sessionPresent;

    private VirtualConnection link;
    private boolean dead;
    private boolean slowOnLink;
    /** Packet ids the client has in flight, as far as its own reads show: id -> owner (pub seq, or -1 for a request). */
    private final Map<Integer, Integer> clientIds = new HashMap<>();
    private int lastInboundId;
    /** Whether the client is inside connect, which re-sends its whole session (the window bounds only send). */
    private java.util.function.BooleanSupplier connecting = () -> false;
    /** The newest message (its sequence number) received on the current link: messages come in send order. */
    private int lastSeqOnLink;

    BrokerModel(Scenario scenario, VirtualClock clock, Publications pubs, Deliveries msgs, List<String> violations) {
        this.scenario = scenario;
        this.clock = clock;
        this.pubs = pubs;
        this.msgs = msgs;
        this.violations = violations;
    }

    // ------------------------------------------------------------------ what the run tells the broker

    void connecting(java.util.function.BooleanSupplier inConnect) {
        this.connecting = inConnect;
    }

    void answerDelay(long ms) {
        answerDelayMs = ms;
    }

    /** The link goes silent both ways; the broker's session stays. */
    void die() {
        if (link != null && !dead) {
            dead = true;
            link.dropScheduled();
            link.expireAfterSilence(0);
        }
    }

    void cut(boolean keep, long afterMs) {
        keepSession = keep;
        if (link != null) {
            link.cutAfter(afterMs);
        }
    }

    /** @return whether the current link was cut by the network (not by keepalive expiry) by now */
    boolean linkCut() {
        return link != null && link.cutByServer();
    }

    /** Sends a message to the client now + afterMs (or keeps it for the session when there is no live link). */
    Deliveries.Msg send(int qos, String topic, long afterMs, boolean duplicate) {
        Deliveries.Msg m = msgs.create(qos, topic);
        if (qos > 0) {
            m.id = nextInboundId();
        }
        if (live()) {
            transmit(m, afterMs, false);
            if (duplicate && qos > 0) {
                transmit(m, afterMs, true);
            }
        }
        return m;
    }

    boolean dead() {
        return dead;
    }

    /** @return whether an answer on the current link was scheduled later than the healthy bound */
    boolean slowOnLink() {
        return slowOnLink;
    }

    boolean sessionPresent() {
        return sessionPresent;
    }

    VirtualConnection link() {
        return link;
    }

    // ------------------------------------------------------------------ packets from the client

    @Override
    public void onPacket(VirtualConnection conn, WirePacket p) {
        if (p.type() == CONNECT) {
            connect(conn, p);
            return;
        }
        if (conn != link || dead) {
            return;
        }
        switch (p.type()) {
            case PUBLISH -> publish(p);
            case PUBREL -> {
                Publications.Pub pub = owner(p.packetId());
                if (pub != null && !pub.clientReadPubrec) {
                    violation("PUBREL for " + pub + " before the client read its PUBREC");
                }
                answer(ack(PUBCOMP, p.packetId()));
            }
            case SUBSCRIBE, UNSUBSCRIBE -> {
                takeId(p.packetId(), -1, p);
                answer(p.type() == SUBSCRIBE ? suback(p.packetId(), p.requestedQos()) : ack(UNSUBACK, p.packetId()));
            }
            case PINGREQ -> answer(pingresp());
            case PUBACK -> inboundAck(p, 1);
            case PUBREC -> {
                Deliveries.Msg m = inboundAck(p, 2);
                if (m != null) {
                    m.brokerGotPubrec = true;
                    answer(ack(PUBREL, m.id));
                }
            }
            case PUBCOMP -> {
                Deliveries.Msg m = msgs.inFlightById(p.packetId());
                if (m != null && m.brokerGotPubrec) {
                    m.complete = true;
                }
            }
            case DISCONNECT -> { }
            default -> violation("the client sent " + p + ", which only a server sends");
        }
    }

    private void connect(VirtualConnection conn, WirePacket p) {
        link = conn;
        dead = false;
        slowOnLink = false;
        sessionPresent = !p.cleanSession() && keepSession && hasSession;
        keepSession = true;
        hasSession = true;
        lastSeqOnLink = 0;
        clientIds.values().removeIf(owner -> owner < 0); // requests die with their link
        if (!sessionPresent) {
            for (Deliveries.Msg m : msgs.inFlight()) {
                m.lost = true;
            }
            for (Publications.Pub pub : pubs.all()) {
                pub.brokerKnows = false; // a PUBREC'd one is done once the client reads this CONNACK
            }
        }
        if (scenario.keepAliveSeconds() > 0) {
            conn.expireAfterSilence(scenario.keepAliveSeconds() * 1_500L);
        }
        answer(connack(sessionPresent, 0));
        if (sessionPresent) {
            for (Deliveries.Msg m : msgs.inFlight()) {
                if (m.brokerGotPubrec) {
                    link.send(delay(), ack(PUBREL, m.id));
                } else {
                    transmit(m, delay(), m.sent > 0);
                }
            }
        }
    }

    private void publish(WirePacket p) {
        Publications.Pub pub = pubs.byPayload(p.payload());
        if (pub == null) {
            violation("the client published " + p + ", which the application never published");
            return;
        }
        if (pub.seq <= lastSeqOnLink) {
            violation(pub + " arrived after p" + lastSeqOnLink + " on the same link: not in the order of the calls");
        }
        lastSeqOnLink = pub.seq;
        boolean first = !pub.brokerReceived;
        if (first && pub.qos > 0 && !pub.exempt) {
            for (Publications.Pub earlier : pubs.all().subList(0, pub.seq - 1)) {
                if (earlier.qos > 0 && !earlier.exempt && !earlier.brokerReceived) {
                    violation(pub + " reached the broker before " + earlier + ", which was published first");
                    break;
                }
            }
        }
        pub.brokerReceived = true;
        if (p.qos() == 0) {
            return;
        }
        // The window bounds what send puts on the wire; a blocking publish is one more while it
        // waits, and stays in flight when its wait ends early (the session rule).
        int onWire = pubs.unacknowledgedOnTheWire();
        int blocking = pubs.blockingUnacknowledgedOnTheWire();
        if (first && !pub.blocking && !pub.exempt && !connecting.getAsBoolean() && onWire > scenario.window()) {
            violation("send put " + pub + " on the wire with " + (onWire - 1) + " QoS 1/2 messages unacknowledged,"
                    + " but maxInFlight is " + scenario.window() + ": " + pubs.inFlight());
        } else if (onWire > scenario.window() + blocking) {
            violation(onWire + " QoS 1/2 messages unacknowledged on the wire with " + pub + ", over maxInFlight "
                    + scenario.window() + " + " + blocking + " from blocking publishes: " + pubs.inFlight());
        }
        if (p.qos() != pub.qos) {
            violation(pub + " sent at QoS " + p.qos());
        }
        if (pub.brokerKnows && !p.dup()) {
            violation(pub + " re-sent without DUP [MQTT-3.3.1-1]: " + p);
        }
        if (pub.brokerKnows && pub.id != p.packetId()) {
            violation(pub + " re-sent with packet id " + p.packetId() + " instead of " + pub.id);
        }
        if (pub.brokerKnows && pub.clientReadPubrec) {
            violation(pub + " re-sent as PUBLISH after the client read its PUBREC: PUBREL is due [MQTT-4.3.3-1]");
        }
        if (pub.id != 0 && pub.id != p.packetId()) {
            clientIds.remove(pub.id);
        }
        takeId(p.packetId(), pub.seq, p);
        pub.id = p.packetId();
        pub.brokerKnows = true;
        answer(ack(p.qos() == 1 ? PUBACK : PUBREC, p.packetId()));
    }

    /** Checks a packet id the client takes for a new exchange. */
    private void takeId(int id, int owner, WirePacket p) {
        if (id == 0) {
            violation("packet id 0 in " + p + " [MQTT-2.3.1-1]");
        }
        Integer holder = clientIds.get(id);
        if (holder != null && (holder != owner || owner < 0)) {
            violation("packet id " + id + " of " + p + " is still in flight for "
                    + (holder < 0 ? "a (UN)SUBSCRIBE" : "p" + holder) + " [MQTT-2.3.1-2]");
        }
        clientIds.put(id, owner);
    }

    private Publications.Pub owner(int id) {
        Integer seq = clientIds.get(id);
        return seq == null || seq < 0 ? null : pubs.all().get(seq - 1);
    }

    /** PUBACK (QoS 1) or PUBREC (QoS 2) from the client for a message the broker sent. */
    private Deliveries.Msg inboundAck(WirePacket p, int qos) {
        Deliveries.Msg m = msgs.inFlightById(p.packetId());
        if (m == null) {
            Deliveries.Msg earlier = msgs.lastById(p.packetId());
            if (earlier == null || earlier.qos != qos) {
                violation(p.name() + " for packet id " + p.packetId() + ", which the broker never sent at QoS " + qos);
            }
            return null; // a duplicate's acknowledgement after the exchange ended
        }
        if (m.qos != qos) {
            violation(p.name() + " for " + m);
        } else if (qos == 1 && !m.returned && !m.threw) {
            violation("PUBACK for " + m + " before a callback for it returned (delivered " + m.delivered + " times)");
        } else if (qos == 1 && !m.returned) {
            violation("PUBACK for " + m + ", whose only callback threw: it was never handled");
        }
        if (qos == 1) {
            m.complete = true;
        }
        return m;
    }

    // ------------------------------------------------------------------ what the client read

    /** Called for every packet the client has read whole, to follow the client's view of its exchanges. */
    void clientRead(Traffic.Entry e) {
        WirePacket p = e.packet();
        switch (p.type()) {
            case CONNACK -> {
                if ((p.body()[0] & 1) == 0) {
                    for (Publications.Pub pub : pubs.all()) {
                        if (pub.clientReadPubrec && !pub.complete) {
                            pub.complete = true; // it reached the broker; only the PUBREL is dropped
                            clientIds.remove(pub.id);
                        }
                    }
                }
            }
            case PUBACK, PUBCOMP -> {
                Publications.Pub pub = owner(p.packetId());
                if (pub != null && (p.type() == PUBACK ? pub.qos == 1 : pub.clientReadPubrec)) {
                    pub.complete = true;
                    clientIds.remove(p.packetId());
                }
            }
            case PUBREC -> {
                Publications.Pub pub = owner(p.packetId());
                if (pub != null && pub.qos == 2) {
                    pub.clientReadPubrec = true;
                }
            }
            case SUBACK, UNSUBACK -> clientIds.remove(p.packetId());
            default -> { }
        }
    }

    /** Forgets the id of a message the contract lets the client drop. */
    void release(Publications.Pub pub) {
        if (pub.id != 0 && Integer.valueOf(pub.seq).equals(clientIds.get(pub.id))) {
            clientIds.remove(pub.id);
        }
    }

    // ------------------------------------------------------------------ sending

    private boolean live() {
        return link != null && link.isOpen() && !dead;
    }

    private void transmit(Deliveries.Msg m, long afterMs, boolean dup) {
        m.sent++;
        link.send(afterMs, WirePacket.publish(m.topic, m.payload(), m.qos, dup, false, m.id));
    }

    private void answer(WirePacket p) {
        link.send(delay(), p);
    }

    private long delay() {
        if (answerDelayMs > scenario.healthyDelayMs()) {
            slowOnLink = true;
        }
        return answerDelayMs;
    }

    private int nextInboundId() {
        do {
            lastInboundId = lastInboundId % 65_535 + 1;
        } while (msgs.inFlightById(lastInboundId) != null);
        return lastInboundId;
    }

    private void violation(String what) {
        violations.add("t=" + clock.millis() + " ms: " + what);
    }
}

package umqtt.simple;

import java.util.ArrayList;
import java.util.List;
import umqtt.api.AckListener;

/**
 * The client side of an MQTT session, kept in memory across reconnects of one client: outbound
 * QoS 1 and 2 messages not yet acknowledged, inbound QoS 2 packet ids received but not released,
 * and the packet id counter (1..65535, wrapping, never 0, never an id still in use).
 */
final class Session {

    /** An outbound QoS 1 or 2 message in flight. */
    static final class Outbound {
        final int packetId;
        /** The ticket {@code send} returned, or 0 for a blocking publish (the listener hears only of sends). */
        final long ticket;
        byte[] topic;
        byte[] payload;
        final int qos;
        final boolean retain;
        /** QoS 2: PUBREC arrived and PUBREL was sent; only PUBCOMP is missing. */
        boolean released;
        /** Whether its PUBLISH was ever written (one taken while the link failed may not have been). */
        boolean written;
        boolean complete;
        /** When the PUBLISH or PUBREL that is awaiting an answer was last written. */
        long writtenAt;

        Outbound(int packetId, long ticket, byte[] topic, byte[] payload, int qos, boolean retain) {
            this.packetId = packetId;
            this.ticket = ticket;
            this.topic = topic;
            this.payload = payload;
            this.qos = qos;
            this.retain = retain;
        }

        /** Takes private copies, so the caller may reuse its arrays once publish has thrown. */
        void detach() {
            topic = topic.clone();
            payload = payload.clone();
        }

        /** @return the acknowledgement this message waits for */
        String awaited() {
            return qos == 1 ? "PUBACK" : released ? "PUBCOMP" : "PUBREC";
        }
    }

    private final List<Outbound> outbound = new ArrayList<>();
    private final List<Integer> controlIds = new ArrayList<>();
    private int[] inboundQos2 = new int[4];
    private int inboundCount;
    private int lastId;
    private int epoch;
    private AckListener listener;

    /**
     * Takes a message into the session with the next packet id.
     *
     * @param ticket the send's ticket, or 0 for a blocking publish
     */
    Outbound add(long ticket, byte[] topic, byte[] payload, int qos, boolean retain) {
        Outbound o = new Outbound(nextPacketId(), ticket, topic, payload, qos, retain);
        outbound.add(o);
        return o;
    }

    void setListener(AckListener listener) {
        this.listener = listener;
    }

    Outbound find(int packetId) {
        for (int i = 0, n = outbound.size(); i < n; i++) {
            Outbound o = outbound.get(i);
            if (o.packetId == packetId) {
                return o;
            }
        }
        return null;
    }

    /** The broker acknowledged the message: it leaves the session, and the listener hears of it. */
    void complete(Outbound o) {
        end(o, null);
    }

    /** The broker broke the message's exchange: it leaves the session, and the listener hears why. */
    void fail(Outbound o, Exception reason) {
        end(o, reason);
    }

    private void end(Outbound o, Exception reason) {
        o.complete = true;
        if (!outbound.isEmpty() && outbound.get(0) == o) {
            outbound.remove(0); // acknowledgements mostly come in order
        } else {
            outbound.remove(o);
        }
        report(o.ticket, reason);
    }

    /** Tells the listener that a sent message never entered the session: {@code why} interrupted its send. */
    void notSent(long ticket, RuntimeException why) {
        report(ticket, new java.io.IOException("not sent: " + why + " was thrown while send waited for a slot in"
                + " the in-flight window", why));
    }

    /** The one call of the listener: a send's ticket (a blocking publish has 0, and is not reported). */
    private void report(long ticket, Exception reason) {
        AckListener l = listener;
        if (ticket != 0 && l != null) {
            l.completed(ticket, reason);
        }
    }

    /** @return how many outbound messages await acknowledgement */
    int inFlight() {
        return outbound.size();
    }

    List<Outbound> outbound() {
        return outbound;
    }

    /** A packet id for SUBSCRIBE or UNSUBSCRIBE, held until {@link #releaseControlId}. */
    int takeControlId() {
        int id = nextPacketId();
        controlIds.add(id);
        return id;
    }

    void releaseControlId(int id) {
        controlIds.remove(Integer.valueOf(id));
    }

    boolean hasInbound(int packetId) {
        return indexOfInbound(packetId) >= 0;
    }

    void addInbound(int packetId) {
        if (hasInbound(packetId)) {
            return;
        }
        if (inboundCount == inboundQos2.length) {
            inboundQos2 = java.util.Arrays.copyOf(inboundQos2, inboundCount * 2);
        }
        inboundQos2[inboundCount++] = packetId;
    }

    void removeInbound(int packetId) {
        int i = indexOfInbound(packetId);
        if (i >= 0) {
            inboundQos2[i] = inboundQos2[--inboundCount];
        }
    }

    /**
     * Counts the session's endings: an acknowledgement owed under one epoch means nothing to the
     * server once the epoch has changed.
     *
     * @return the number of times the session was cleared or lost
     */
    int epoch() {
        return epoch;
    }

    /** Forgets everything: a clean session on both sides. Sent messages not yet acknowledged are discarded. */
    void clear() {
        epoch++;
        List<Outbound> discarded = new ArrayList<>(outbound);
        outbound.clear();
        controlIds.clear();
        inboundCount = 0;
        tell(discarded, new java.io.IOException("discarded unacknowledged: connect(true) started a clean session;"
                + " use connect(false) to complete sent messages"));
    }

    /**
     * The broker lost the session: messages it had not acknowledged are published afresh; a QoS 2
     * message already PUBREC'd reached the broker, so only its PUBREL is dropped.
     */
    void brokerForgot() {
        epoch++;
        List<Outbound> received = new ArrayList<>();
        outbound.removeIf(o -> o.released && received.add(o));
        inboundCount = 0;
        tell(received, null);
    }

    /** Tells the listener of every message in {@code ended}, even when it throws for one (the first throw is rethrown). */
    private void tell(List<Outbound> ended, Exception reason) {
        RuntimeException thrown = null;
        for (Outbound o : ended) {
            o.complete = true;
            try {
                report(o.ticket, reason);
            } catch (RuntimeException e) {
                if (thrown == null) {
                    thrown = e;
                }
            }
        }
        if (thrown != null) {
            throw thrown;
        }
    }

    private int indexOfInbound(int packetId) {
        for (int i = 0; i < inboundCount; i++) {
            if (inboundQos2[i] == packetId) {
                return i;
            }
        }
        return -1;
    }

    private int nextPacketId() {
        for (int tries = 0; tries < 65_535; tries++) {
            lastId = lastId == 65_535 ? 1 : lastId + 1;
            if (find(lastId) == null && (controlIds.isEmpty() || !controlIds.contains(lastId))) {
                return lastId;
            }
        }
        throw new IllegalStateException("all 65535 packet ids are in flight: wait for acknowledgements "
                + "(call waitMsg) before publishing more");
    }
}

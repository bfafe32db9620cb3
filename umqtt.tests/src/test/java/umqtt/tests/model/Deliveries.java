package umqtt.tests.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages the broker sent to the client, and what became of each: delivered how often,
 * whether a callback for it returned, acknowledged, or lost with the broker's session.
 */
final class Deliveries {

    /** One message from the broker; its payload is "m" and its sequence number. */
    static final class Msg {
        final int seq;
        final int qos;
        final String topic;
        int id;
        /** Sent on a link at least once. */
        int sent;
        /** The broker received PUBREC (QoS 2). */
        boolean brokerGotPubrec;
        /** The exchange is over at the broker (PUBACK or PUBCOMP received). */
        boolean complete;
        /** The broker lost its session while the message was in flight. */
        boolean lost;
        /** Callbacks started for it that did not throw. */
        int delivered;
        /** A callback for it returned normally. */
        boolean returned;
        /** A callback for it threw: whether it counts as delivered is the client's choice. */
        boolean threw;

        Msg(int seq, int qos, String topic) {
            this.seq = seq;
            this.qos = qos;
            this.topic = topic;
        }

        byte[] payload() {
            return ("m" + seq).getBytes(StandardCharsets.US_ASCII);
        }

        /** @return whether the broker still owes or awaits something for it */
        boolean inFlight() {
            return qos > 0 && !complete && !lost;
        }

        @Override
        public String toString() {
            return "m" + seq + "(q" + qos + " '" + topic + "'" + (id > 0 ? " id=" + id : "") + ")";
        }
    }

    private final List<Msg> all = new ArrayList<>();

    Msg create(int qos, String topic) {
        Msg m = new Msg(all.size() + 1, qos, topic);
        all.add(m);
        return m;
    }

    /** The message with this payload, or null when it is not one of ours. */
    Msg byPayload(byte[] payload) {
        String s = new String(payload, StandardCharsets.US_ASCII);
        if (!s.startsWith("m")) {
            return null;
        }
        try {
            int seq = Integer.parseInt(s.substring(1));
            return seq >= 1 && seq <= all.size() ? all.get(seq - 1) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The message in flight at the broker with this packet id, or null. */
    Msg inFlightById(int id) {
        for (Msg m : all) {
            if (m.inFlight() && m.id == id) {
                return m;
            }
        }
        return null;
    }

    /** The message sent last with this packet id, or null. */
    Msg lastById(int id) {
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).id == id) {
                return all.get(i);
            }
        }
        return null;
    }

    /** @return the messages in flight at the broker, in the order first sent */
    List<Msg> inFlight() {
        return all.stream().filter(Msg::inFlight).toList();
    }

    /** @return every message */
    List<Msg> all() {
        return all;
    }
}

package umqtt.tests.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages the application published, as the model knows them: what reached the broker, which
 * acknowledgements the client has read, and so which ones the client must still complete.
 */
final class Publications {

    /** One message the application published on "out"; its payload is "p" and its sequence number. */
    static final class Pub {
        final int seq;
        final int qos;
        /** The packet id the client last sent it with; 0 before. */
        int id;
        /** The broker received it at least once. */
        boolean brokerReceived;
        /** The broker holds it in a session that still exists (a re-send must carry DUP). */
        boolean brokerKnows;
        /** QoS 2: the client has read the PUBREC (it owes a PUBREL, not the PUBLISH). */
        boolean clientReadPubrec;
        /** The client has read the final acknowledgement. */
        boolean complete;
        /** Its publish ended in a way the contract does not pin down (the callback disconnected). */
        boolean exempt;

        Pub(int seq, int qos) {
            this.seq = seq;
            this.qos = qos;
        }

        byte[] payload() {
            return ("p" + seq).getBytes(StandardCharsets.US_ASCII);
        }

        /** @return whether the client must still complete it */
        boolean inFlight() {
            return qos > 0 && !complete && !exempt;
        }

        @Override
        public String toString() {
            return "p" + seq + "(q" + qos + (id > 0 ? " id=" + id : "") + ")";
        }
    }

    private final List<Pub> all = new ArrayList<>();

    /** A new message, about to be published. */
    Pub start(int qos) {
        Pub p = new Pub(all.size() + 1, qos);
        all.add(p);
        return p;
    }

    /** The message with this payload, or null when the payload is not one of ours. */
    Pub byPayload(byte[] payload) {
        String s = new String(payload, StandardCharsets.US_ASCII);
        if (!s.startsWith("p")) {
            return null;
        }
        try {
            int seq = Integer.parseInt(s.substring(1));
            return seq >= 1 && seq <= all.size() ? all.get(seq - 1) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @return every message, in the order published */
    List<Pub> all() {
        return all;
    }

    /** @return the messages the client must still complete, in the order published */
    List<Pub> inFlight() {
        return all.stream().filter(Pub::inFlight).toList();
    }
}

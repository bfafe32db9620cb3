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
        /** The ticket {@code send} gave it; 0 for a blocking publish. */
        long ticket;
        /** Published with the blocking {@code publish}, which is outside the window (one more while it waits). */
        boolean blocking;
        /** How many times the acknowledgement listener reported it. */
        int reports;

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

    /** The message {@code send} gave this ticket, or null. */
    Pub byTicket(long ticket) {
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).ticket == ticket) {
                return all.get(i);
            }
        }
        return null;
    }

    /** @return how many QoS 1/2 messages the client must hold unacknowledged: exactly, when none is exempt */
    int owed() {
        return (int) all.stream().filter(Pub::inFlight).count();
    }

    /** @return how many exempt QoS 1/2 messages may still be in the client's session */
    int maybeOwed() {
        return (int) all.stream().filter(p -> p.qos > 0 && !p.complete && p.exempt).count();
    }

    /**
     * @return how many QoS 1/2 messages reached the broker and the client has not read the final
     *     acknowledgement of (exempt ones aside: the model stops following their acknowledgements)
     */
    int unacknowledgedOnTheWire() {
        return (int) all.stream().filter(p -> p.qos > 0 && p.brokerReceived && !p.complete && !p.exempt).count();
    }

    /** @return how many of {@link #unacknowledgedOnTheWire()} a blocking publish sent */
    int blockingUnacknowledgedOnTheWire() {
        return (int) all.stream().filter(p -> p.blocking && p.qos > 0 && p.brokerReceived && !p.complete && !p.exempt)
                .count();
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

package umqtt.mqtt5;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import umqtt.api.AckListener;

/**
 * What outlives a link: the outbound QoS 1/2 messages in their order, the inbound QoS 2 packet
 * identifiers awaiting PUBREL, and the packet identifiers in use (MQTT 5.0, 4.1).
 */
final class SessionState {

    private final List<Flight> outbound = new ArrayList<>();
    private final List<Integer> requestIds = new ArrayList<>();
    private int[] inbound = new int[8];
    private int inboundCount;
    private int nextId;
    private int generation;
    private AckListener listener;

    Flight add(long ticket, byte[] topic, byte[] payload, int qos, boolean retain, PublishProperties props) {
        Flight f = new Flight(freeId(), ticket, topic, payload, qos, retain, props);
        outbound.add(f);
        return f;
    }

    Flight find(int packetId) {
        for (int i = 0; i < outbound.size(); i++) {
            if (outbound.get(i).packetId == packetId) {
                return outbound.get(i);
            }
        }
        return null;
    }

    List<Flight> outbound() {
        return outbound;
    }

    int inFlight() {
        return outbound.size();
    }

    void listener(AckListener l) {
        listener = l;
    }

    /** Ends a message's exchange: {@code failure} null for success. Tells its listener. */
    void finish(Flight f, Exception failure) {
        f.done = true;
        f.failure = failure;
        if (!outbound.isEmpty() && outbound.get(0) == f) {
            outbound.remove(0);
        } else {
            outbound.remove(f);
        }
        tell(f.ticket, failure);
    }

    void tell(long ticket, Exception failure) {
        AckListener l = listener;
        if (ticket != 0 && l != null) {
            l.completed(ticket, failure);
        }
    }

    int takeRequestId() {
        int id = freeId();
        requestIds.add(id);
        return id;
    }

    void releaseRequestId(int id) {
        requestIds.remove(Integer.valueOf(id));
    }

    void clearRequestIds() {
        requestIds.clear();
    }

    boolean hasInbound(int id) {
        for (int i = 0; i < inboundCount; i++) {
            if (inbound[i] == id) {
                return true;
            }
        }
        return false;
    }

    void addInbound(int id) {
        if (!hasInbound(id)) {
            if (inboundCount == inbound.length) {
                inbound = Arrays.copyOf(inbound, inboundCount * 2);
            }
            inbound[inboundCount++] = id;
        }
    }

    void removeInbound(int id) {
        for (int i = 0; i < inboundCount; i++) {
            if (inbound[i] == id) {
                inbound[i] = inbound[--inboundCount];
                return;
            }
        }
    }

    int inboundCount() {
        return inboundCount;
    }

    /** Counts the sessions: a delivery begun in one does not acknowledge in the next. */
    int generation() {
        return generation;
    }

    /** Clean Start, or the server had no session: ends what the old one held. */
    void reset(boolean discardOutbound) {
        generation++;
        inboundCount = 0;
        requestIds.clear();
        List<Flight> ended = new ArrayList<>();
        if (discardOutbound) {
            ended.addAll(outbound);
            outbound.clear();
        } else {
            // The server forgot the session: a PUBREC'd message reached it; the rest are published afresh.
            outbound.removeIf(f -> f.released && ended.add(f));
        }
        RuntimeException thrown = null;
        for (Flight f : ended) {
            f.done = true;
            try {
                tell(f.ticket, discardOutbound ? new IOException("discarded unacknowledged: connect(true) started a "
                        + "clean session; use connect(false) to complete sent messages") : null);
            } catch (RuntimeException e) {
                thrown = thrown == null ? e : thrown;
            }
        }
        if (thrown != null) {
            throw thrown;
        }
    }

    private int freeId() {
        for (int tries = 0; tries < 65_535; tries++) {
            nextId = nextId == 65_535 ? 1 : nextId + 1;
            if (find(nextId) == null && (requestIds.isEmpty() || !requestIds.contains(nextId))) {
                return nextId;
            }
        }
        throw new IllegalStateException("all 65535 packet identifiers are in use: wait for acknowledgements "
                + "(call waitMsg) before publishing more");
    }
}

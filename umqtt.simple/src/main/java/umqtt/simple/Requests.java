package umqtt.simple;

import java.util.ArrayList;
import java.util.List;
import umqtt.api.MqttException;
import umqtt.simple.codec.PacketType;

/**
 * The SUBSCRIBE and UNSUBSCRIBE requests waiting for their acknowledgement, matched by packet id.
 * A request whose caller stopped waiting (the callback threw during the wait) stays until its
 * acknowledgement arrives, which is then consumed quietly: the server did what was asked.
 */
final class Requests {

    /** One request in flight. */
    static final class Pending {
        final int packetId;
        final int ackType;
        final int filters;
        /** The SUBACK return codes, or an empty array for UNSUBACK; null until the answer came. */
        int[] result;
        boolean abandoned;

        private Pending(int packetId, int ackType, int filters) {
            this.packetId = packetId;
            this.ackType = ackType;
            this.filters = filters;
        }
    }

    private final Session session;
    private final List<Pending> pending = new ArrayList<>();

    Requests(Session session) {
        this.session = session;
    }

    /** A new request with a fresh packet id, for {@code filters} filters. */
    Pending add(int ackType, int filters) {
        Pending p = new Pending(session.takeControlId(), ackType, filters);
        pending.add(p);
        return p;
    }

    /**
     * The answer to a request.
     *
     * @param ackType SUBACK or UNSUBACK
     * @param id the packet id
     * @param codes the SUBACK return codes, empty for UNSUBACK
     * @throws MqttException when no request has that id or the codes do not fit it
     */
    void complete(int ackType, int id, int[] codes) throws MqttException {
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            if (p.packetId == id && p.ackType == ackType) {
                if (ackType == PacketType.SUBACK && codes.length != p.filters) {
                    throw MqttException.protocolError("SUBACK carries " + codes.length + " return codes for "
                            + p.filters + " filters");
                }
                p.result = codes;
                if (p.abandoned) {
                    remove(p);
                }
                return;
            }
        }
        throw MqttException.protocolError("the server sent " + PacketType.name(ackType) + " for packet id " + id
                + ", which no request is waiting for");
    }

    /** The request is done with: its packet id is free again. */
    void remove(Pending p) {
        if (pending.remove(p)) {
            session.releaseControlId(p.packetId);
        }
    }

    /** The caller stopped waiting, but the server will still answer: keep the id until it does. */
    void abandon(Pending p) {
        p.abandoned = true;
        if (p.result != null) {
            remove(p);
        }
    }

    /** The link is gone, and with it every answer still due. */
    void clear() {
        for (Pending p : pending) {
            session.releaseControlId(p.packetId);
        }
        pending.clear();
    }
}

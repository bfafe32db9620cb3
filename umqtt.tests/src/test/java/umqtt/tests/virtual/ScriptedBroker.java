package umqtt.tests.virtual;

import static umqtt.tests.virtual.WirePacket.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server that answers every request as a broker would, after a delay the test sets per packet
 * type, or not at all for the types it silences: CONNECT with CONNACK, PINGREQ with PINGRESP,
 * PUBLISH with PUBACK or PUBREC, PUBREL with PUBCOMP, SUBSCRIBE with SUBACK (granting what was
 * asked), UNSUBSCRIBE with UNSUBACK, and the client's PUBREC (for a message the server sent at
 * QoS 2) with PUBREL. It routes nothing: messages to the client are the test's to send.
 */
public final class ScriptedBroker implements ServerHandler {

    private final Map<Integer, Long> delays = new HashMap<>();
    private final Set<Integer> silenced = new HashSet<>();
    private final List<ServerHandler> extras = new ArrayList<>();
    private boolean sessionPresent;

    /**
     * Answers packets of {@code type} (the request's type, e.g. {@link WirePacket#PINGREQ}) after
     * {@code millis}, and again at all if silenced before.
     *
     * @param type the request's packet type
     * @param millis the delay, at least 0
     * @return this
     */
    public ScriptedBroker delay(int type, long millis) {
        delays.put(type, millis);
        silenced.remove(type);
        return this;
    }

    /**
     * Never answers packets of {@code type}.
     *
     * @param type the request's packet type
     * @return this
     */
    public ScriptedBroker silence(int type) {
        silenced.add(type);
        return this;
    }

    /**
     * Answers nothing at all from now on: a link gone dead without closing.
     *
     * @return this
     */
    public ScriptedBroker silenceAll() {
        for (int type = CONNECT; type <= DISCONNECT; type++) {
            silenced.add(type);
        }
        return this;
    }

    /**
     * The session-present flag of the CONNACKs to come.
     *
     * @param present the flag
     * @return this
     */
    public ScriptedBroker sessionPresent(boolean present) {
        this.sessionPresent = present;
        return this;
    }

    /**
     * Runs {@code extra} after the standard answer to every packet.
     *
     * @param extra more server behaviour
     * @return this
     */
    public ScriptedBroker also(ServerHandler extra) {
        extras.add(extra);
        return this;
    }

    @Override
    public void onPacket(VirtualConnection link, WirePacket p) {
        if (!silenced.contains(p.type())) {
            WirePacket answer = answer(p);
            if (answer != null) {
                link.send(delays.getOrDefault(p.type(), 0L), answer);
            }
        }
        for (ServerHandler extra : extras) {
            extra.onPacket(link, p);
        }
    }

    private WirePacket answer(WirePacket p) {
        return switch (p.type()) {
            case CONNECT -> connack(sessionPresent && !p.cleanSession(), 0);
            case PINGREQ -> pingresp();
            case PUBLISH -> p.qos() == 1 ? ack(PUBACK, p.packetId()) : p.qos() == 2 ? ack(PUBREC, p.packetId()) : null;
            case PUBREL -> ack(PUBCOMP, p.packetId());
            case PUBREC -> ack(PUBREL, p.packetId());
            case SUBSCRIBE -> suback(p.packetId(), p.requestedQos());
            case UNSUBSCRIBE -> ack(UNSUBACK, p.packetId());
            default -> null;
        };
    }
}

package umqtt.simple;

import java.io.IOException;
import java.util.Arrays;
import umqtt.api.MqttException;
import umqtt.simple.codec.Decoder;
import umqtt.simple.codec.PacketReader;
import umqtt.simple.codec.PacketType;

/**
 * Routes each packet the server sends to what it answers: a message to {@link Delivery}, the
 * acknowledgement of an outbound message to the {@link Session}, SUBACK and UNSUBACK to
 * {@link Requests}. A packet no server may send on an established connection is a protocol error.
 */
final class Inbound {

    private final Session session;
    private final Delivery delivery;
    private final Requests requests;

    Inbound(Session session, Delivery delivery, Requests requests) {
        this.session = session;
        this.delivery = delivery;
        this.requests = requests;
    }

    /** Handles the packet that {@code link}'s reader holds. */
    void route(Connection link) throws IOException {
        PacketReader r = link.reader();
        int type = r.header() >>> 4;
        switch (type) {
            case PacketType.PUBLISH -> delivery.receive(Decoder.publish(r), Decoder.publishId(r), link);
            case PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBCOMP -> outboundAck(type, Decoder.ackId(r), link);
            case PacketType.PUBREL -> {
                int id = Decoder.ackId(r);
                session.removeInbound(id);
                link.writeAck(PacketType.PUBCOMP, id);
            }
            case PacketType.SUBACK -> {
                int[] idAndCodes = Decoder.suback(r);
                requests.complete(type, idAndCodes[0], Arrays.copyOfRange(idAndCodes, 1, idAndCodes.length));
            }
            case PacketType.UNSUBACK -> requests.complete(type, Decoder.ackId(r), new int[0]);
            case PacketType.PINGRESP -> Decoder.empty(r);
            case PacketType.CONNACK -> throw MqttException.protocolError(
                    "the server sent a second CONNACK on an established connection");
            default -> throw MqttException.protocolError("the server sent " + PacketType.name(type)
                    + ", which only a client may send");
        }
    }

    private void outboundAck(int type, int id, Connection link) throws IOException {
        Session.Outbound o = session.find(id);
        if (o == null) {
            throw MqttException.protocolError("the server sent " + PacketType.name(type) + " for packet id " + id
                    + ", which is not in flight");
        }
        if (type == PacketType.PUBACK && o.qos == 1 || type == PacketType.PUBCOMP && o.qos == 2 && o.released) {
            session.complete(o);
        } else if (type == PacketType.PUBREC && o.qos == 2) {
            o.released = true;
            link.writeAck(PacketType.PUBREL, id);
            o.writtenAt = link.lastSent();
        } else {
            // The server broke this message's exchange: it leaves the session, so no reconnect
            // publishes it again; the caller learns what the server answered.
            MqttException broken = MqttException.protocolError("the server answered the QoS " + o.qos
                    + " message with packet id " + id + " with " + PacketType.name(type)
                    + (o.released ? " after PUBREC" : "") + "; the message was not re-sent");
            session.fail(o, broken);
            throw broken;
        }
    }
}

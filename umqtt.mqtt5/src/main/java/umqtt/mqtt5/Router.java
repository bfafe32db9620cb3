package umqtt.mqtt5;

import java.io.IOException;
import umqtt.api.Message;
import umqtt.mqtt5.codec.Faults;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.PacketTypes;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/**
 * Acts on each packet the server sends on an established connection. A packet that breaks the
 * standard is thrown as an {@link Mqtt5Exception} with the reason the client disconnects with;
 * the server's own DISCONNECT is thrown as a {@link ServerDisconnect}.
 */
final class Router {

    private final SessionState session;
    private final Inbox inbox;
    private final Subscriptions requests;
    private final TopicAliases aliases;
    private final Reauthentication auth;
    private final int receiveMaximum;

    Router(SessionState session, Inbox inbox, Subscriptions requests, TopicAliases aliases, Reauthentication auth,
            int receiveMaximum) {
        this.session = session;
        this.inbox = inbox;
        this.requests = requests;
        this.aliases = aliases;
        this.auth = auth;
        this.receiveMaximum = receiveMaximum;
    }

    void route(Link link) throws IOException {
        Packet p = link.reader().decode();
        switch (p.type()) {
            case 3 -> publish((Packet.Publish) p, link);
            case 4, 5, 7 -> acknowledged((Packet.Ack) p, link);
            case 6 -> {
                int id = ((Packet.Ack) p).id();
                boolean known = session.hasInbound(id);
                session.removeInbound(id);
                link.ack(7, id, known ? 0 : 0x92); // 0x92 Packet Identifier not found (MQTT 5.0, 3.7.2.1)
            }
            case 9, 11 -> {
                if (!requests.complete((Packet.Acks) p)) {
                    throw Faults.protocol("the server sent " + PacketTypes.name(p.type()) + " for packet identifier "
                            + ((Packet.Acks) p).id() + ", which no request awaits");
                }
            }
            case 13 -> { }
            case 14 -> {
                Packet.Reason r = (Packet.Reason) p;
                link.close();
                throw ServerDisconnect.of(WireProperties.failure(r.reasonCode(), r.properties(),
                        "the server disconnected", "the session is kept: connect(false) resumes it"));
            }
            case PacketTypes.AUTH -> auth.answer((Packet.Reason) p, link);
            case 2 -> throw Faults.protocol("the server sent a second CONNACK (MQTT 5.0, 3.2)");
            default -> throw Faults.protocol("the server sent " + PacketTypes.name(p.type())
                    + ", which only a client may send");
        }
    }

    private void publish(Packet.Publish p, Link link) throws IOException {
        Properties w = p.properties();
        byte[] topic = aliases.resolve(p.topic(), w.number(Property.TOPIC_ALIAS, -1));
        if (p.qos() > 0 && !(p.qos() == 2 && inbox.knows(p.id())) && inbox.unanswered() >= receiveMaximum) {
            // Not the standard's count: Mosquitto 2.0 refills its quota on PUBREC, not PUBCOMP (see Inbox).
            throw Faults.of(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "the server sent a QoS " + p.qos() + " PUBLISH while "
                    + inbox.unanswered() + " it sent were not answered yet (no PUBACK or PUBREC), over the client's "
                    + "Receive Maximum of " + receiveMaximum + " (MQTT-3.3.4-9)");
        }
        inbox.receive(new Message(topic, p.payload(), p.qos(), p.retain(), p.dup()), WireProperties.from(w), p.id(),
                link);
    }

    private void acknowledged(Packet.Ack a, Link link) throws IOException {
        Flight f = session.find(a.id());
        if (f == null) {
            throw Faults.protocol("the server sent " + PacketTypes.name(a.type()) + " for packet identifier " + a.id()
                    + ", which is not in flight");
        }
        boolean expected = a.type() == 4 ? f.qos == 1 : a.type() == 5 ? f.qos == 2 && !f.released : f.released;
        if (!expected) {
            Mqtt5Exception broken = Faults.protocol("the server answered the QoS " + f.qos + " message with packet "
                    + "identifier " + a.id() + " with " + PacketTypes.name(a.type()) + (f.released ? " after PUBREC" : "")
                    + "; the message was not re-sent");
            session.finish(f, broken);
            throw broken;
        }
        if (a.type() != 7 || ReasonCode.isFailure(a.reasonCode())) {
            f.reason = a.reasonCode(); // QoS 2 reports PUBREC's reason (0x10 No matching subscribers)
        }
        if (ReasonCode.isFailure(a.reasonCode())) {
            // A refusal ends the exchange (MQTT 5.0, 4.3.2 and 4.3.3): no PUBREL, never sent again.
            session.finish(f, WireProperties.failure(a.reasonCode(), a.properties(), "the server refused the message "
                    + "(packet identifier " + a.id() + ")", null));
        } else if (a.type() == 5) {
            f.released = true;
            link.ack(6, a.id(), 0);
            f.writtenAt = link.lastSent();
        } else {
            session.finish(f, null);
        }
    }
}

package umqtt.mqtt5;

import java.io.IOException;
import java.net.SocketTimeoutException;
import umqtt.api.MqttException;
import umqtt.mqtt5.codec.Faults;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.PacketTypes;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/** CONNECT, the AUTH exchange if any, and CONNACK (MQTT 5.0, 3.1, 3.2, 4.12). */
final class Handshake {

    private Handshake() {
    }

    /**
     * @return the server's CONNACK, a success
     * @throws Mqtt5Exception the refusal, with reason, Reason String and Server Reference
     */
    static Packet.Connack run(Link link, Config config, Packet.Connect connect, Reauthentication auth, long deadline)
            throws IOException {
        link.send(connect);
        while (true) {
            while (!link.read(deadline)) {
                if (config.time.nanoTime() - deadline >= 0) {
                    throw new SocketTimeoutException("no CONNACK from " + config.safeServer() + " in time");
                }
            }
            Packet p;
            try {
                p = link.reader().decode();
                if (p.type() == PacketTypes.AUTH) {
                    auth.answer((Packet.Reason) p, link);
                    continue;
                }
            } catch (MqttException e) {
                link.refuse(e);
                throw e;
            }
            if (p.type() == 14) {
                Packet.Reason r = (Packet.Reason) p;
                throw WireProperties.failure(r.reasonCode(), r.properties(), "the server disconnected before CONNACK",
                        null);
            }
            if (!(p instanceof Packet.Connack c)) {
                throw Faults.protocol("the server answered CONNECT with " + PacketTypes.name(p.type())
                        + " instead of CONNACK");
            }
            if (ReasonCode.isFailure(c.reasonCode())) {
                throw WireProperties.failure(c.reasonCode(), c.properties(), "the server refused the connection",
                        advice(c.reasonCode()));
            }
            if (c.sessionPresent() && connect.cleanStart()) {
                throw Faults.protocol("the server reported a session present for Clean Start (MQTT-3.2.2-2)");
            }
            Properties w = c.properties();
            if (auth.enabled() && w.string(Property.AUTHENTICATION_METHOD) == null) {
                throw Faults.protocol("the server accepted the connection without the Authentication Method the client "
                        + "asked for (MQTT 5.0, 3.2.2.3.17)");
            }
            try {
                auth.connected(w);
            } catch (MqttException e) {
                link.refuse(e);
                throw e;
            }
            return c;
        }
    }

    /** The server broke the exchange or failed authentication: DISCONNECT with the reason (MQTT 5.0, 4.13). */
    private static String advice(int reason) {
        return switch (reason) {
            case 0x84 -> "the server does not speak MQTT 5: use the 3.1.1 client";
            case 0x85 -> "choose another client id";
            case 0x86, 0x87 -> "check the user name and password";
            case 0x8C -> "the server does not offer this authentication method";
            case 0x9C, 0x9D -> "connect to the server it names";
            default -> null;
        };
    }
}

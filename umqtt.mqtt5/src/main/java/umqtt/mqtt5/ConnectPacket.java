package umqtt.mqtt5;

import java.nio.charset.StandardCharsets;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/** The CONNECT the builder's settings make (MQTT 5.0, 3.1.2.11): only properties that differ from the standard's defaults. */
final class ConnectPacket {

    private ConnectPacket() {
    }

    static Packet.Connect of(Config c, String clientId, boolean cleanStart, long expiry, Packet.Will will,
            Reauthentication auth) {
        Properties p = new Properties();
        if (expiry != 0) {
            p.set(Property.SESSION_EXPIRY_INTERVAL, expiry);
        }
        if (c.receiveMaximum != 65_535) {
            p.set(Property.RECEIVE_MAXIMUM, c.receiveMaximum);
        }
        p.set(Property.MAXIMUM_PACKET_SIZE, c.maxPacketSize);
        if (c.topicAliasMaximum != 0) {
            p.set(Property.TOPIC_ALIAS_MAXIMUM, c.topicAliasMaximum);
        }
        if (c.requestResponseInformation) {
            p.set(Property.REQUEST_RESPONSE_INFORMATION, 1);
        }
        if (!c.requestProblemInformation) {
            p.set(Property.REQUEST_PROBLEM_INFORMATION, 0);
        }
        p.addUsers(c.userProperties);
        auth.start(p);
        return new Packet.Connect(cleanStart, c.keepAliveSeconds, p, clientId.getBytes(StandardCharsets.UTF_8), will,
                c.user == null ? null : c.user.getBytes(StandardCharsets.UTF_8), c.password);
    }
}

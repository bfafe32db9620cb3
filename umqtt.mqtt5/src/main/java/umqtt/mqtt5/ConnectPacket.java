package umqtt.mqtt5;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/**
 * The CONNECT the builder's settings make (MQTT 5.0, 3.1.2.11): only properties that differ from the
 * standard's defaults; and its Will.
 */
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

    /** @return the Will of the next CONNECT, with its properties (MQTT 5.0, 3.1.3.2), checked when it is set */
    static Packet.Will will(byte[] topic, byte[] msg, boolean retain, int qos, PublishProperties props, Duration delay) {
        TopicNames.checkName(topic, "will topic");
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(props, "properties");
        Objects.requireNonNull(delay, "delay");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("will qos must be 0, 1 or 2 but was " + qos);
        }
        if (msg.length > 65_535) {
            throw new IllegalArgumentException("will message is " + msg.length + " bytes; MQTT allows at most 65535");
        }
        if (delay.isNegative() || delay.toSeconds() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("will delay must be 0 to 4294967295 seconds but was " + delay);
        }
        Properties w = WireProperties.into(new Properties(), props);
        if (!delay.isZero()) {
            w.set(Property.WILL_DELAY_INTERVAL, delay.toSeconds());
        }
        return new Packet.Will(w, topic.clone(), msg.clone(), qos, retain);
    }
}

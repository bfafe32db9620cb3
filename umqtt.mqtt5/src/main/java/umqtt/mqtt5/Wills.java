package umqtt.mqtt5;

import java.time.Duration;
import java.util.Objects;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/** The Will of the next CONNECT, with its properties (MQTT 5.0, 3.1.3.2), checked when it is set. */
final class Wills {

    private Wills() {
    }

    static Packet.Will of(byte[] topic, byte[] msg, boolean retain, int qos, PublishProperties props, Duration delay) {
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

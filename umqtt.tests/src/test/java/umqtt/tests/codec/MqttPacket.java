package umqtt.tests.codec;

import java.util.List;
import java.util.Objects;

/**
 * The packets of MQTT 3.1.1 as plain values for the codec properties: strings as Java text
 * (they are UTF-8 on the wire), binary data as {@link Bytes}, a packet id of 0 where there is
 * none. Both directions use these types; which packets each side may send is the encoders' and
 * decoders' business.
 */
sealed interface MqttPacket {

    /** @return the packet's type */
    PacketKind kind();

    /** §3.1 CONNECT; {@code will}, {@code user} and {@code password} are null when absent. */
    record Connect(String clientId, boolean cleanSession, int keepAliveSeconds, Will will, String user,
            Bytes password) implements MqttPacket {
        public Connect {
            Objects.requireNonNull(clientId, "clientId");
        }

        @Override
        public PacketKind kind() {
            return PacketKind.CONNECT;
        }
    }

    /** The last will inside CONNECT (§3.1.2.5 to §3.1.2.7, §3.1.3.2, §3.1.3.3). */
    record Will(String topic, Bytes message, int qos, boolean retain) {
    }

    /** §3.2 CONNACK. */
    record Connack(boolean sessionPresent, int returnCode) implements MqttPacket {
        @Override
        public PacketKind kind() {
            return PacketKind.CONNACK;
        }
    }

    /** §3.3 PUBLISH, in either direction; {@code packetId} is 0 for QoS 0. */
    record Publish(String topic, Bytes payload, int qos, boolean retain, boolean dup, int packetId)
            implements MqttPacket {
        @Override
        public PacketKind kind() {
            return PacketKind.PUBLISH;
        }
    }

    /** A packet that is only a packet id: PUBACK, PUBREC, PUBREL, PUBCOMP (either direction), UNSUBACK. */
    record Ack(PacketKind kind, int packetId) implements MqttPacket {
    }

    /** §3.8 SUBSCRIBE. */
    record Subscribe(int packetId, List<Subscription> subscriptions) implements MqttPacket {
        @Override
        public PacketKind kind() {
            return PacketKind.SUBSCRIBE;
        }
    }

    /** One topic filter of a SUBSCRIBE with its requested QoS. */
    record Subscription(String filter, int qos) {
    }

    /** §3.9 SUBACK: one return code per filter, 0..2 or 0x80. */
    record Suback(int packetId, List<Integer> returnCodes) implements MqttPacket {
        @Override
        public PacketKind kind() {
            return PacketKind.SUBACK;
        }
    }

    /** §3.10 UNSUBSCRIBE. */
    record Unsubscribe(int packetId, List<String> filters) implements MqttPacket {
        @Override
        public PacketKind kind() {
            return PacketKind.UNSUBSCRIBE;
        }
    }

    /** A packet that is only a fixed header: PINGREQ, PINGRESP, DISCONNECT. */
    record Empty(PacketKind kind) implements MqttPacket {
    }
}

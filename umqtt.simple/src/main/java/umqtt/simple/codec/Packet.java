package umqtt.simple.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import umqtt.api.Message;

/**
 * An MQTT 3.1.1 control packet, as decoded by {@link Decoder} and encoded by {@link Encoder}.
 *
 * <p>The client's hot paths (PUBLISH out and in, acknowledgements) use the encoder's and
 * decoder's field-level methods and never build these objects; they serve the cold packets,
 * the scripted test server and the codec's property tests.
 */
public sealed interface Packet {

    /**
     * The packet type, see {@link PacketType}.
     *
     * @return 1..14
     */
    int type();

    /** A last will inside CONNECT. */
    record Will(byte[] topic, byte[] payload, int qos, boolean retain) {
        /** Checks the components. */
        public Will {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Will w && qos == w.qos && retain == w.retain
                    && Arrays.equals(topic, w.topic) && Arrays.equals(payload, w.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(topic) * 31 + Arrays.hashCode(payload);
        }
    }

    /** CONNECT: client id, flags, keepalive, will and credentials. Null where absent. */
    record Connect(String clientId, boolean cleanSession, int keepAliveSeconds, Will will, String user,
            byte[] password) implements Packet {
        /** Checks the components. */
        public Connect {
            Objects.requireNonNull(clientId, "clientId");
        }

        /** @return the packet type */
        @Override
        public int type() {
            return PacketType.CONNECT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Connect c && clientId.equals(c.clientId) && cleanSession == c.cleanSession
                    && keepAliveSeconds == c.keepAliveSeconds && Objects.equals(will, c.will)
                    && Objects.equals(user, c.user) && Arrays.equals(password, c.password);
        }

        @Override
        public int hashCode() {
            return clientId.hashCode();
        }

        @Override
        public String toString() {
            return "Connect[clientId=" + clientId + ", cleanSession=" + cleanSession + ", keepAlive="
                    + keepAliveSeconds + ", will=" + (will != null) + ", user=" + user
                    + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    /** CONNACK: the session-present flag and the return code. */
    record Connack(boolean sessionPresent, int returnCode) implements Packet {
        /** @return the packet type */
        @Override
        public int type() {
            return PacketType.CONNACK;
        }
    }

    /** PUBLISH: the message and, for QoS 1 and 2, its packet id (0 for QoS 0). */
    record Publish(Message message, int packetId) implements Packet {
        /** Checks the components. */
        public Publish {
            Objects.requireNonNull(message, "message");
        }

        /** @return the packet type */
        @Override
        public int type() {
            return PacketType.PUBLISH;
        }
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK: a packet type and a packet id. */
    record Ack(int type, int packetId) implements Packet {
        /** Checks the components. */
        public Ack {
            if (type != PacketType.PUBACK && type != PacketType.PUBREC && type != PacketType.PUBREL
                    && type != PacketType.PUBCOMP && type != PacketType.UNSUBACK) {
                throw new IllegalArgumentException(PacketType.name(type) + " is not an acknowledgement");
            }
        }
    }

    /** One topic filter of a SUBSCRIBE with its requested QoS. */
    record Subscription(byte[] filter, int qos) {
        /** Checks the components. */
        public Subscription {
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Subscription s && qos == s.qos && Arrays.equals(filter, s.filter);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(filter) * 31 + qos;
        }
    }

    /** SUBSCRIBE: one or more filters. */
    record Subscribe(int packetId, List<Subscription> subscriptions) implements Packet {
        /** Checks the components. */
        public Subscribe {
            subscriptions = List.copyOf(subscriptions);
        }

        /** @return the packet type */
        @Override
        public int type() {
            return PacketType.SUBSCRIBE;
        }
    }

    /** SUBACK: a return code per filter (0-2 granted QoS, 0x80 failure). */
    record Suback(int packetId, List<Integer> returnCodes) implements Packet {
        /** Checks the components. */
        public Suback {
            returnCodes = List.copyOf(returnCodes);
        }

        /** @return the packet type */
        @Override
        public int type() {
            return PacketType.SUBACK;
        }
    }

    /** UNSUBSCRIBE: one or more filters. */
    record Unsubscribe(int packetId, List<byte[]> filters) implements Packet {
        /** Checks the components. */
        public Unsubscribe {
            filters = List.copyOf(filters);
        }

        /** @return the packet type */
        @Override
        public int type() {
            return PacketType.UNSUBSCRIBE;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Unsubscribe u) || packetId != u.packetId || filters.size() != u.filters.size()) {
                return false;
            }
            for (int i = 0; i < filters.size(); i++) {
                if (!Arrays.equals(filters.get(i), u.filters.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return packetId;
        }
    }

    /** PINGREQ, PINGRESP and DISCONNECT: a fixed header and nothing else. */
    record Empty(int type) implements Packet {
        /** Checks the components. */
        public Empty {
            if (type != PacketType.PINGREQ && type != PacketType.PINGRESP && type != PacketType.DISCONNECT) {
                throw new IllegalArgumentException(PacketType.name(type) + " is not an empty packet");
            }
        }
    }
}

package umqtt.mqtt5.codec;

import java.util.Arrays;

/**
 * The MQTT 5 control packets as values, one record per layout, for both directions:
 * {@link PacketDecoder} makes them from bytes, {@link PacketEncoder} writes them back.
 */
public sealed interface Packet {

    /** @return the packet type, 1 to 15 */
    int type();

    /** The Will of a CONNECT: its properties, topic, payload, QoS and retain flag. */
    record Will(Properties properties, byte[] topic, byte[] payload, int qos, boolean retain) {
    }

    /** CONNECT (MQTT 5.0, 3.1); user name and password may be null. */
    record Connect(boolean cleanStart, int keepAlive, Properties properties, byte[] clientId, Will will, byte[] user,
            byte[] password) implements Packet {
        @Override
        public int type() {
            return 1;
        }

        /** Names the client; the password only as present or not. */
        @Override
        public String toString() {
            return "CONNECT[clientId=" + new String(clientId, java.nio.charset.StandardCharsets.UTF_8) + ", cleanStart="
                    + cleanStart + ", keepAlive=" + keepAlive + ", properties=" + properties + ", will=" + (will != null)
                    + ", user=" + (user != null) + ", password=" + (password != null) + "]";
        }
    }

    /** CONNACK (MQTT 5.0, 3.2). */
    record Connack(boolean sessionPresent, int reasonCode, Properties properties) implements Packet {
        @Override
        public int type() {
            return 2;
        }
    }

    /** PUBLISH (MQTT 5.0, 3.3); the topic may be empty when a Topic Alias stands for it; id 0 for QoS 0. */
    record Publish(byte[] topic, int qos, boolean retain, boolean dup, int id, Properties properties, byte[] payload)
            implements Packet {
        @Override
        public int type() {
            return 3;
        }

        @Override
        public String toString() {
            return "PUBLISH[topic=" + new String(topic, java.nio.charset.StandardCharsets.UTF_8) + ", qos=" + qos
                    + ", retain=" + retain + ", dup=" + dup + ", id=" + id + ", properties=" + properties + ", "
                    + payload.length + " bytes]";
        }
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP (MQTT 5.0, 3.4 to 3.7). */
    record Ack(int type, int id, int reasonCode, Properties properties) implements Packet {
    }

    /** SUBSCRIBE (MQTT 5.0, 3.8): one options byte per filter. */
    record Subscribe(int id, Properties properties, byte[][] filters, int[] options) implements Packet {
        @Override
        public int type() {
            return 8;
        }

        @Override
        public String toString() {
            return "SUBSCRIBE[id=" + id + ", properties=" + properties + ", " + filters.length + " filters, options="
                    + Arrays.toString(options) + "]";
        }
    }

    /** UNSUBSCRIBE (MQTT 5.0, 3.10). */
    record Unsubscribe(int id, Properties properties, byte[][] filters) implements Packet {
        @Override
        public int type() {
            return 10;
        }
    }

    /** SUBACK or UNSUBACK (MQTT 5.0, 3.9 and 3.11): one reason code per filter. */
    record Acks(int type, int id, Properties properties, int[] reasonCodes) implements Packet {
        @Override
        public String toString() {
            return (type == 9 ? "SUBACK" : "UNSUBACK") + "[id=" + id + ", properties=" + properties + ", reasons="
                    + Arrays.toString(reasonCodes) + "]";
        }
    }

    /** DISCONNECT or AUTH (MQTT 5.0, 3.14 and 3.15): a reason code and properties. */
    record Reason(int type, int reasonCode, Properties properties) implements Packet {
    }

    /** PINGREQ or PINGRESP: no body. */
    record Empty(int type) implements Packet {
    }
}

package umqtt.mqtt5.codec;

import umqtt.api.MqttException;

/**
 * Decodes the MQTT 5 packets a server sends, out of one whole packet's body (CONNECT, SUBSCRIBE
 * and UNSUBSCRIBE, which only a client sends, are a Protocol Error here: the tests' scripted
 * server decodes them with its own code, built on {@link #packetId} and {@link #reasonCode}). Every failure is
 * an {@link umqtt.mqtt5.Mqtt5Exception} with 0x81 Malformed Packet or 0x82 Protocol Error and a
 * sentence naming the packet and the rule; nothing is allocated from a length before it is checked
 * against the bytes that remain.
 */
public final class PacketDecoder {

    private PacketDecoder() {
    }

    /**
     * @param header the fixed header's first byte (already checked by the frame reader)
     * @param buf the bytes
     * @param off where the body starts
     * @param len the remaining length
     * @return the packet
     * @throws MqttException when the bytes break a rule of the standard
     */
    public static Packet decode(int header, byte[] buf, int off, int len) throws MqttException {
        PacketTypes.checkFixedHeader(header);
        int type = header >>> 4;
        Wire in = new Wire(buf, off, len, PacketTypes.name(type));
        Packet p = switch (type) {
            case 2 -> connack(in);
            case 3 -> publish(header, in);
            case 4, 5, 6, 7 -> ack(type, in);
            case 9, 11 -> acks(type, in);
            case 1, 8, 10 -> throw Faults.protocol("the server sent " + in.packet() + ", which only a client may send");
            case 12, 13 -> new Packet.Empty(type);
            default -> reason(type, in);
        };
        if (in.remaining() != 0) {
            throw Faults.malformed(in.packet() + " has " + in.remaining() + " bytes after its last field");
        }
        return p;
    }

    private static Packet.Connack connack(Wire in) throws MqttException {
        int ackFlags = in.u8("acknowledge flags");
        if ((ackFlags & 0xFE) != 0) {
            throw Faults.malformed("CONNACK acknowledge flags must be 0 or 1 but were " + ackFlags + " (MQTT 5.0, 3.2.2.1)");
        }
        int reason = reasonCode(2, in);
        return new Packet.Connack(ackFlags == 1, reason, Properties.read(in, 2));
    }

    private static Packet.Publish publish(int header, Wire in) throws MqttException {
        int qos = header >>> 1 & 3;
        boolean dup = (header & 0b1000) != 0;
        if (qos == 0 && dup) {
            throw Faults.malformed("PUBLISH with QoS 0 has the DUP flag set (MQTT-3.3.1-2)");
        }
        byte[] topic = in.utf8("topic name");
        if (wild(topic)) {
            throw Faults.malformed("PUBLISH topic name '" + new String(topic, java.nio.charset.StandardCharsets.UTF_8)
                    + "' holds a wildcard (MQTT-3.3.2-2)");
        }
        int id = qos > 0 ? packetId(in) : 0;
        Properties props = Properties.read(in, 3);
        byte[] response = props.binary(Property.RESPONSE_TOPIC);
        if (response != null && (response.length == 0 || wild(response))) {
            throw Faults.protocol("PUBLISH Response Topic '" + new String(response, java.nio.charset.StandardCharsets.UTF_8)
                    + "' is not a topic name (MQTT-3.3.2-14, MQTT-4.7.3-1)");
        }
        return new Packet.Publish(topic, qos, (header & 1) != 0, dup, id, props, in.rest());
    }

    private static boolean wild(byte[] name) {
        for (byte b : name) {
            if (b == '+' || b == '#') {
                return true;
            }
        }
        return false;
    }

    private static Packet.Ack ack(int type, Wire in) throws MqttException {
        int id = packetId(in);
        if (in.remaining() == 0) { // MQTT 5.0, 3.4.2.1: Success without properties may omit both
            return new Packet.Ack(type, id, 0, new Properties());
        }
        int reason = reasonCode(type, in);
        return new Packet.Ack(type, id, reason, in.remaining() == 0 ? new Properties() : Properties.read(in, type));
    }

    private static Packet.Acks acks(int type, Wire in) throws MqttException {
        int id = packetId(in);
        Properties props = Properties.read(in, type);
        if (in.remaining() == 0) {
            throw Faults.protocol(in.packet() + " without a reason code (MQTT 5.0, 3.9.3 and 3.11.3)");
        }
        int[] codes = new int[in.remaining()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = reasonCode(type, in);
        }
        return new Packet.Acks(type, id, props, codes);
    }

    private static Packet.Reason reason(int type, Wire in) throws MqttException {
        if (in.remaining() == 0) { // MQTT 5.0, 3.14.2.1 and 3.15.2.1: Success without properties
            return new Packet.Reason(type, 0, new Properties());
        }
        int reason = reasonCode(type, in);
        return new Packet.Reason(type, reason, in.remaining() == 0 ? new Properties() : Properties.read(in, type));
    }

    /** @return a packet identifier, checked not to be 0 */
    public static int packetId(Wire in) throws MqttException {
        int id = in.u16("packet identifier");
        if (id == 0) {
            throw Faults.malformed(in.packet() + " with packet identifier 0 (MQTT-2.2.1-3)");
        }
        return id;
    }

    /** @return a reason code, checked to be one that packet type may carry */
    public static int reasonCode(int type, Wire in) throws MqttException {
        int code = in.u8("reason code");
        if (!PacketTypes.allowed(type, code)) {
            throw Faults.malformed(in.packet() + " may not carry reason code " + String.format("0x%02X", code)
                    + " (MQTT 5.0, 2.4)");
        }
        return code;
    }
}

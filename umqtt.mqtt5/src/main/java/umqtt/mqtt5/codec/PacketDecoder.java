package umqtt.mqtt5.codec;

import java.util.ArrayList;
import java.util.List;
import umqtt.api.MqttException;

/**
 * Decodes any MQTT 5 packet, from either side, out of one whole packet's body. Every failure is
 * an {@link umqtt.mqtt5.Mqtt5Exception} with 0x81 Malformed Packet or 0x82 Protocol Error and a
 * sentence naming the packet and the rule; nothing is allocated from a length before it is checked
 * against the bytes that remain.
 */
public final class PacketDecoder {

    private static final byte[] MQTT = {'M', 'Q', 'T', 'T'};

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
            case 1 -> connect(in);
            case 2 -> connack(in);
            case 3 -> publish(header, in);
            case 4, 5, 6, 7 -> ack(type, in);
            case 8 -> subscribe(in);
            case 9, 11 -> acks(type, in);
            case 10 -> unsubscribe(in);
            case 12, 13 -> new Packet.Empty(type);
            default -> reason(type, in);
        };
        if (in.remaining() != 0) {
            throw Faults.malformed(in.packet() + " has " + in.remaining() + " bytes after its last field");
        }
        return p;
    }

    private static Packet.Connect connect(Wire in) throws MqttException {
        int nameLength = in.u16("protocol name");
        for (int i = 0; i < 4; i++) {
            if (nameLength != 4 || in.u8("protocol name") != MQTT[i]) {
                throw Faults.protocol("CONNECT protocol name is not MQTT (MQTT-3.1.2-1)");
            }
        }
        int level = in.u8("protocol version");
        if (level != 5) {
            throw Faults.of(0x84, "CONNECT protocol version " + level + ", not 5 (MQTT-3.1.2-2)");
        }
        int flags = in.u8("connect flags");
        if ((flags & 1) != 0) {
            throw Faults.malformed("CONNECT reserved flag is set (MQTT-3.1.2-3)");
        }
        boolean willFlag = (flags & 0x04) != 0;
        int willQos = flags >>> 3 & 3;
        if (!willFlag && (willQos != 0 || (flags & 0x20) != 0)) {
            throw Faults.malformed("CONNECT without a will has will QoS or will retain set (MQTT-3.1.2-11, -13)");
        }
        if (willQos == 3) {
            throw Faults.malformed("CONNECT will QoS 3 (MQTT-3.1.2-12)");
        }
        int keepAlive = in.u16("keep alive");
        Properties props = Properties.read(in, 1);
        byte[] clientId = in.utf8("client identifier");
        Packet.Will will = null;
        if (willFlag) {
            Properties willProps = Properties.read(in, Property.WILL);
            will = new Packet.Will(willProps, in.utf8("will topic"), in.binary("will payload"), willQos,
                    (flags & 0x20) != 0);
        }
        byte[] user = (flags & 0x80) != 0 ? in.utf8("user name") : null;
        byte[] password = (flags & 0x40) != 0 ? in.binary("password") : null;
        return new Packet.Connect((flags & 0x02) != 0, keepAlive, props, clientId, will, user, password);
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
        for (byte b : topic) {
            if (b == '+' || b == '#') {
                throw Faults.malformed("PUBLISH topic name holds the wildcard '" + (char) b + "' (MQTT-3.3.2-2)");
            }
        }
        int id = qos > 0 ? packetId(in) : 0;
        Properties props = Properties.read(in, 3);
        return new Packet.Publish(topic, qos, (header & 1) != 0, dup, id, props, in.rest());
    }

    private static Packet.Ack ack(int type, Wire in) throws MqttException {
        int id = packetId(in);
        if (in.remaining() == 0) { // MQTT 5.0, 3.4.2.1: Success without properties may omit both
            return new Packet.Ack(type, id, 0, new Properties());
        }
        int reason = reasonCode(type, in);
        return new Packet.Ack(type, id, reason, in.remaining() == 0 ? new Properties() : Properties.read(in, type));
    }

    private static Packet.Subscribe subscribe(Wire in) throws MqttException {
        int id = packetId(in);
        Properties props = Properties.read(in, 8);
        List<byte[]> filters = new ArrayList<>();
        List<Integer> options = new ArrayList<>();
        while (in.remaining() > 0) {
            filters.add(in.utf8("topic filter"));
            int o = in.u8("subscription options");
            if ((o & 0xC0) != 0) {
                throw Faults.malformed("SUBSCRIBE options " + o + " set the reserved bits 6 and 7 (MQTT-3.8.3-5)");
            }
            if ((o & 3) == 3) {
                throw Faults.protocol("SUBSCRIBE with maximum QoS 3 (MQTT 5.0, 3.8.3.1)");
            }
            if ((o >>> 4 & 3) == 3) {
                throw Faults.protocol("SUBSCRIBE with Retain Handling 3 (MQTT 5.0, 3.8.3.1)");
            }
            options.add(o);
        }
        if (filters.isEmpty()) {
            throw Faults.protocol("SUBSCRIBE without a topic filter (MQTT-3.8.3-2)");
        }
        return new Packet.Subscribe(id, props, filters.toArray(new byte[0][]),
                options.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Packet.Unsubscribe unsubscribe(Wire in) throws MqttException {
        int id = packetId(in);
        Properties props = Properties.read(in, 10);
        List<byte[]> filters = new ArrayList<>();
        while (in.remaining() > 0) {
            filters.add(in.utf8("topic filter"));
        }
        if (filters.isEmpty()) {
            throw Faults.protocol("UNSUBSCRIBE without a topic filter (MQTT-3.10.3-2)");
        }
        return new Packet.Unsubscribe(id, props, filters.toArray(new byte[0][]));
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

    private static int packetId(Wire in) throws MqttException {
        int id = in.u16("packet identifier");
        if (id == 0) {
            throw Faults.malformed(in.packet() + " with packet identifier 0 (MQTT-2.2.1-3)");
        }
        return id;
    }

    private static int reasonCode(int type, Wire in) throws MqttException {
        int code = in.u8("reason code");
        if (!Reasons.allowed(type, code)) {
            throw Faults.malformed(in.packet() + " may not carry reason code " + String.format("0x%02X", code)
                    + " (MQTT 5.0, 2.4)");
        }
        return code;
    }
}

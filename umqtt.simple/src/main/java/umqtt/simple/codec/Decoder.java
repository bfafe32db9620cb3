package umqtt.simple.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import umqtt.api.Message;
import umqtt.api.MqttException;

/**
 * Decodes MQTT 3.1.1 packets from a whole packet body, checking every rule that can be checked
 * from the bytes: fixed-header flags, exact lengths, packet ids, QoS values, UTF-8.
 *
 * <p>Every failure is an {@link MqttException} with code {@link MqttException#MALFORMED_PACKET}
 * and a sentence naming the packet and the rule; nothing else is thrown for any input.
 */
public final class Decoder {

    private Decoder() {
    }

    /**
     * Checks the first byte of a fixed header: a defined type, and the flags MQTT 3.1.1 requires
     * (any DUP/QoS/RETAIN for PUBLISH but QoS 3).
     *
     * @param header the first byte
     * @throws MqttException when the type is reserved or the flags are wrong
     */
    public static void checkFixedHeader(int header) throws MqttException {
        int type = (header >>> 4) & 0x0F;
        int flags = header & 0x0F;
        if (type == 0 || type == 15) {
            throw malformed("packet type " + type + " is reserved");
        }
        if (type == PacketType.PUBLISH) {
            if ((flags & 0b0110) == 0b0110) {
                throw malformed("PUBLISH with QoS 3");
            }
        } else if (flags != PacketType.requiredFlags(type)) {
            throw malformed("flags of " + PacketType.name(type) + " must be " + PacketType.requiredFlags(type)
                    + " but were " + flags);
        }
    }

    /**
     * Decodes one packet.
     *
     * @param header the fixed header's first byte
     * @param buf the bytes
     * @param off where the body (after the remaining length) starts
     * @param len the body length (the remaining length)
     * @return the packet
     * @throws MqttException when the packet breaks a rule
     */
    public static Packet decode(int header, byte[] buf, int off, int len) throws MqttException {
        checkFixedHeader(header);
        int type = header >>> 4 & 0x0F;
        switch (type) {
            case PacketType.CONNECT:
                return connect(new Cursor(buf, off, len, "CONNECT"));
            case PacketType.CONNACK:
                return connack(buf, off, len);
            case PacketType.PUBLISH:
                return new Packet.Publish(publishMessage(header, buf, off, len), publishPacketId(header, buf, off));
            case PacketType.PUBACK:
            case PacketType.PUBREC:
            case PacketType.PUBREL:
            case PacketType.PUBCOMP:
            case PacketType.UNSUBACK:
                return new Packet.Ack(type, ackPacketId(header, buf, off, len));
            case PacketType.SUBSCRIBE:
                return subscribe(new Cursor(buf, off, len, "SUBSCRIBE"));
            case PacketType.SUBACK:
                return suback(new Cursor(buf, off, len, "SUBACK"));
            case PacketType.UNSUBSCRIBE:
                return unsubscribe(new Cursor(buf, off, len, "UNSUBSCRIBE"));
            default:
                if (len != 0) {
                    throw malformed(PacketType.name(type) + " must have no body but has " + len + " bytes");
                }
                return new Packet.Empty(type);
        }
    }

    /**
     * Decodes a CONNACK's two bytes.
     *
     * @param buf the bytes
     * @param off the body start
     * @param len the body length
     * @return the CONNACK
     * @throws MqttException when the length or reserved bits are wrong
     */
    public static Packet.Connack connack(byte[] buf, int off, int len) throws MqttException {
        if (len != 2) {
            throw malformed("CONNACK must have 2 bytes after its fixed header but has " + len);
        }
        int flags = buf[off] & 0xFF;
        if ((flags & 0xFE) != 0) {
            throw malformed("CONNACK acknowledge flags must be 0 or 1 but were " + flags);
        }
        return new Packet.Connack(flags == 1, buf[off + 1] & 0xFF);
    }

    /**
     * The packet id of PUBACK, PUBREC, PUBREL, PUBCOMP or UNSUBACK, checking the length.
     *
     * @param header the first byte (for messages)
     * @param buf the bytes
     * @param off the body start
     * @param len the body length
     * @return the packet id, 1..65535
     * @throws MqttException when the length is not 2 or the id is 0
     */
    public static int ackPacketId(int header, byte[] buf, int off, int len) throws MqttException {
        String name = PacketType.name(header >>> 4);
        if (len != 2) {
            throw malformed(name + " must have 2 bytes after its fixed header but has " + len);
        }
        int id = u16(buf, off);
        if (id == 0) {
            throw malformed(name + " with packet id 0");
        }
        return id;
    }

    /**
     * Decodes the message of a PUBLISH, allocating only the topic, the payload and the Message.
     *
     * @param header the first byte, with DUP, QoS and RETAIN
     * @param buf the bytes
     * @param off the body start
     * @param len the body length
     * @return the message
     * @throws MqttException when the topic is missing, too long, not UTF-8 or has wildcards, the
     *     packet id is missing or 0, or DUP is set on QoS 0
     */
    public static Message publishMessage(int header, byte[] buf, int off, int len) throws MqttException {
        int qos = header >>> 1 & 3;
        boolean dup = (header & 0b1000) != 0;
        if (qos == 0 && dup) {
            throw malformed("PUBLISH with QoS 0 has the DUP flag set");
        }
        if (len < 2) {
            throw malformed("PUBLISH ends before its topic length");
        }
        int topicLength = u16(buf, off);
        int idLength = qos > 0 ? 2 : 0;
        if (2 + topicLength + idLength > len) {
            throw malformed("PUBLISH of " + len + " bytes cannot hold its " + topicLength + " byte topic"
                    + (qos > 0 ? " and packet id" : ""));
        }
        int topicStart = off + 2;
        if (topicLength == 0) {
            throw malformed("PUBLISH with an empty topic");
        }
        if (Utf8.firstInvalid(buf, topicStart, topicLength) >= 0) {
            throw malformed("PUBLISH topic is not valid UTF-8");
        }
        for (int i = topicStart; i < topicStart + topicLength; i++) {
            if (buf[i] == '+' || buf[i] == '#') {
                throw malformed("PUBLISH topic contains the wildcard '" + (char) buf[i] + "'");
            }
        }
        if (qos > 0 && u16(buf, topicStart + topicLength) == 0) {
            throw malformed("PUBLISH with QoS " + qos + " has packet id 0");
        }
        int payloadStart = topicStart + topicLength + idLength;
        byte[] topic = java.util.Arrays.copyOfRange(buf, topicStart, topicStart + topicLength);
        byte[] payload = java.util.Arrays.copyOfRange(buf, payloadStart, off + len);
        return new Message(topic, payload, qos, (header & 1) != 0, dup);
    }

    /**
     * The packet id of a PUBLISH that {@link #publishMessage} accepted; 0 for QoS 0.
     *
     * @param header the first byte
     * @param buf the bytes
     * @param off the body start
     * @return the packet id
     */
    public static int publishPacketId(int header, byte[] buf, int off) {
        return (header >>> 1 & 3) == 0 ? 0 : u16(buf, off + 2 + u16(buf, off));
    }

    private static Packet.Connect connect(Cursor c) throws MqttException {
        byte[] name = c.field("protocol name");
        if (!"MQTT".equals(new String(name, StandardCharsets.UTF_8))) {
            throw malformed("CONNECT protocol name must be MQTT");
        }
        int level = c.u8("protocol level");
        if (level != 4) {
            throw malformed("CONNECT protocol level must be 4 but was " + level);
        }
        int flags = c.u8("connect flags");
        if ((flags & 1) != 0) {
            throw malformed("CONNECT reserved flag is set");
        }
        int keepAlive = c.u16("keepalive");
        String clientId = c.string("client id");
        Packet.Will will = null;
        int willQos = flags >>> 3 & 3;
        if ((flags & 0x04) != 0) {
            if (willQos == 3) {
                throw malformed("CONNECT will QoS 3");
            }
            will = new Packet.Will(c.field("will topic"), c.field("will message"), willQos, (flags & 0x20) != 0);
        } else if (willQos != 0 || (flags & 0x20) != 0) {
            throw malformed("CONNECT has will QoS or retain without a will");
        }
        String user = (flags & 0x80) != 0 ? c.string("user name") : null;
        byte[] password = (flags & 0x40) != 0 ? c.field("password") : null;
        c.end();
        return new Packet.Connect(clientId, (flags & 0x02) != 0, keepAlive, will, user, password);
    }

    private static Packet.Subscribe subscribe(Cursor c) throws MqttException {
        int id = c.packetId();
        List<Packet.Subscription> subs = new ArrayList<>();
        do {
            byte[] filter = c.field("topic filter");
            c.checkUtf8(filter, "topic filter");
            int qos = c.u8("requested QoS");
            if (qos > 2) {
                throw malformed("SUBSCRIBE requested QoS byte must be 0-2 but was " + qos);
            }
            subs.add(new Packet.Subscription(filter, qos));
        } while (c.hasMore());
        return new Packet.Subscribe(id, subs);
    }

    private static Packet.Suback suback(Cursor c) throws MqttException {
        int id = c.packetId();
        List<Integer> codes = new ArrayList<>();
        do {
            int code = c.u8("return code");
            if (code > 2 && code != 0x80) {
                throw malformed("SUBACK return code must be 0, 1, 2 or 0x80 but was " + code);
            }
            codes.add(code);
        } while (c.hasMore());
        return new Packet.Suback(id, codes);
    }

    private static Packet.Unsubscribe unsubscribe(Cursor c) throws MqttException {
        int id = c.packetId();
        List<byte[]> filters = new ArrayList<>();
        do {
            byte[] filter = c.field("topic filter");
            c.checkUtf8(filter, "topic filter");
            filters.add(filter);
        } while (c.hasMore());
        return new Packet.Unsubscribe(id, filters);
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
    }

    static MqttException malformed(String what) {
        return new MqttException(MqttException.MALFORMED_PACKET, "malformed packet: " + what);
    }

    /** Reads fields of a cold packet's body with bounds checks that name the packet. */
    private static final class Cursor {
        private final byte[] buf;
        private final int end;
        private final String packet;
        private int pos;

        Cursor(byte[] buf, int off, int len, String packet) {
            this.buf = buf;
            this.pos = off;
            this.end = off + len;
            this.packet = packet;
        }

        private void need(int n, String what) throws MqttException {
            if (end - pos < n) {
                throw malformed(packet + " ends inside its " + what);
            }
        }

        int u8(String what) throws MqttException {
            need(1, what);
            return buf[pos++] & 0xFF;
        }

        int u16(String what) throws MqttException {
            need(2, what);
            int v = Decoder.u16(buf, pos);
            pos += 2;
            return v;
        }

        int packetId() throws MqttException {
            int id = u16("packet id");
            if (id == 0) {
                throw malformed(packet + " with packet id 0");
            }
            return id;
        }

        byte[] field(String what) throws MqttException {
            int n = u16(what + " length");
            need(n, what);
            byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        String string(String what) throws MqttException {
            byte[] b = field(what);
            checkUtf8(b, what);
            return new String(b, StandardCharsets.UTF_8);
        }

        void checkUtf8(byte[] b, String what) throws MqttException {
            if (!Utf8.isValid(b)) {
                throw malformed(packet + " " + what + " is not valid UTF-8");
            }
        }

        boolean hasMore() {
            return pos < end;
        }

        void end() throws MqttException {
            if (pos != end) {
                throw malformed(packet + " has " + (end - pos) + " bytes after its last field");
            }
        }
    }
}

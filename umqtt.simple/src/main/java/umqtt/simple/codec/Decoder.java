package umqtt.simple.codec;

import java.util.Arrays;
import umqtt.api.Message;
import umqtt.api.MqttException;

/**
 * Decodes the packets a server sends to a client, straight from the {@link PacketReader}'s
 * current packet, checking every rule that can be checked from the bytes: fixed-header flags,
 * exact lengths, packet ids, QoS values, UTF-8.
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
     * Decodes a CONNACK.
     *
     * @param r the reader holding a CONNACK
     * @return the CONNACK
     * @throws MqttException when the length or reserved bits are wrong
     */
    public static Connack connack(PacketReader r) throws MqttException {
        exactLength(r, 2);
        int flags = r.buffer()[r.bodyOffset()] & 0xFF;
        if ((flags & 0xFE) != 0) {
            throw malformed("CONNACK acknowledge flags must be 0 or 1 but were " + flags);
        }
        int returnCode = r.buffer()[r.bodyOffset() + 1] & 0xFF;
        if (returnCode > 5) {
            throw malformed("CONNACK return code " + returnCode + " is reserved (MQTT 3.1.1 defines 0 to 5)");
        }
        return new Connack(flags == 1, returnCode);
    }

    /**
     * The packet id of PUBACK, PUBREC, PUBREL, PUBCOMP or UNSUBACK, checking the length.
     *
     * @param r the reader holding the packet
     * @return the packet id, 1..65535
     * @throws MqttException when the length is not 2 or the id is 0
     */
    public static int ackId(PacketReader r) throws MqttException {
        exactLength(r, 2);
        int id = u16(r.buffer(), r.bodyOffset());
        if (id == 0) {
            throw malformed(name(r) + " with packet id 0");
        }
        return id;
    }

    /**
     * Checks that a PINGRESP has no body.
     *
     * @param r the reader holding the packet
     * @throws MqttException when it has one
     */
    public static void empty(PacketReader r) throws MqttException {
        exactLength(r, 0);
    }

    /**
     * The return codes of a SUBACK for a SUBSCRIBE with {@code filters} filters.
     *
     * @param r the reader holding a SUBACK
     * @return the packet id in element 0, then one return code per filter
     * @throws MqttException when the id is 0, there are no codes or a code is undefined
     */
    public static int[] suback(PacketReader r) throws MqttException {
        int len = r.bodyLength();
        if (len < 3) {
            throw malformed("SUBACK must hold a packet id and at least one return code but has " + len + " bytes");
        }
        byte[] buf = r.buffer();
        int off = r.bodyOffset();
        int[] result = new int[len - 1];
        result[0] = u16(buf, off);
        if (result[0] == 0) {
            throw malformed("SUBACK with packet id 0");
        }
        for (int i = 1; i < result.length; i++) {
            int code = buf[off + 1 + i] & 0xFF;
            if (code > 2 && code != 0x80) {
                throw malformed("SUBACK return code must be 0, 1, 2 or 0x80 but was " + code);
            }
            result[i] = code;
        }
        return result;
    }

    /**
     * Decodes the message of a PUBLISH, allocating only the topic, the payload and the Message.
     *
     * @param r the reader holding a PUBLISH
     * @return the message
     * @throws MqttException when the topic is missing, too long, not UTF-8 or has wildcards, the
     *     packet id is missing or 0, or DUP is set on QoS 0
     */
    public static Message publish(PacketReader r) throws MqttException {
        int header = r.header();
        byte[] buf = r.buffer();
        int off = r.bodyOffset();
        int len = r.bodyLength();
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
        byte[] topic = Arrays.copyOfRange(buf, topicStart, topicStart + topicLength);
        byte[] payload = Arrays.copyOfRange(buf, payloadStart, off + len);
        return new Message(topic, payload, qos, (header & 1) != 0, dup);
    }

    /**
     * The packet id of a PUBLISH that {@link #publish} accepted; 0 for QoS 0.
     *
     * @param r the reader holding the PUBLISH
     * @return the packet id
     */
    public static int publishId(PacketReader r) {
        byte[] buf = r.buffer();
        int off = r.bodyOffset();
        return (r.header() >>> 1 & 3) == 0 ? 0 : u16(buf, off + 2 + u16(buf, off));
    }

    private static void exactLength(PacketReader r, int expected) throws MqttException {
        if (r.bodyLength() != expected) {
            throw malformed(name(r) + " must have " + (expected == 0 ? "no bytes" : expected + " bytes")
                    + " after its fixed header but has " + r.bodyLength());
        }
    }

    private static String name(PacketReader r) {
        return PacketType.name(r.header() >>> 4);
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
    }

    private static MqttException malformed(String what) {
        return new MqttException(MqttException.MALFORMED_PACKET, "malformed packet: " + what);
    }
}

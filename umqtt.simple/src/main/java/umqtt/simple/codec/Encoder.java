package umqtt.simple.codec;

import java.nio.charset.StandardCharsets;
import umqtt.api.Message;

/**
 * Encodes MQTT 3.1.1 packets into a {@link PacketBuffer}: the length is computed first, then the
 * packet is written once. The field-level methods serve the client's hot paths; {@link #encode}
 * serves everything else.
 */
public final class Encoder {

    private static final byte[] PROTOCOL_NAME = {'M', 'Q', 'T', 'T'};
    private static final int PROTOCOL_LEVEL = 4;

    private Encoder() {
    }

    /**
     * Encodes any packet.
     *
     * @param p the packet
     * @param out where to append it
     */
    public static void encode(Packet p, PacketBuffer out) {
        if (p instanceof Packet.Connect c) {
            connect(c, out);
        } else if (p instanceof Packet.Connack c) {
            out.putFixedHeader(PacketType.CONNACK << 4, 2).put(c.sessionPresent() ? 1 : 0).put(c.returnCode());
        } else if (p instanceof Packet.Publish pub) {
            Message m = pub.message();
            publishHeader(out, m.topic(), m.qos(), m.retained(), m.dup(), pub.packetId(), m.payload().length);
            out.put(m.payload(), 0, m.payload().length);
        } else if (p instanceof Packet.Ack a) {
            ack(out, a.type(), a.packetId());
        } else if (p instanceof Packet.Subscribe s) {
            int length = 2;
            for (Packet.Subscription sub : s.subscriptions()) {
                length += 2 + sub.filter().length + 1;
            }
            out.putFixedHeader(PacketType.SUBSCRIBE << 4 | 0b0010, length).putShort(s.packetId());
            for (Packet.Subscription sub : s.subscriptions()) {
                out.putField(sub.filter()).put(sub.qos());
            }
        } else if (p instanceof Packet.Suback s) {
            out.putFixedHeader(PacketType.SUBACK << 4, 2 + s.returnCodes().size()).putShort(s.packetId());
            for (int code : s.returnCodes()) {
                out.put(code);
            }
        } else if (p instanceof Packet.Unsubscribe u) {
            int length = 2;
            for (byte[] f : u.filters()) {
                length += 2 + f.length;
            }
            out.putFixedHeader(PacketType.UNSUBSCRIBE << 4 | 0b0010, length).putShort(u.packetId());
            for (byte[] f : u.filters()) {
                out.putField(f);
            }
        } else {
            empty(out, p.type());
        }
    }

    /**
     * The remaining length of a PUBLISH.
     *
     * @param topicLength topic bytes
     * @param qos 0-2
     * @param payloadLength payload bytes
     * @return the remaining length, or a negative number when it exceeds what MQTT can carry
     */
    public static long publishRemainingLength(int topicLength, int qos, int payloadLength) {
        long n = 2L + topicLength + (qos > 0 ? 2 : 0) + payloadLength;
        return n > RemainingLength.MAX ? -1 : n;
    }

    /**
     * Appends a PUBLISH up to, not including, its payload.
     *
     * @param out the buffer
     * @param topic the topic bytes (already validated)
     * @param qos 0-2
     * @param retain the retain flag
     * @param dup the DUP flag
     * @param packetId the packet id (ignored for QoS 0)
     * @param payloadLength the payload length that will follow
     * @throws IllegalArgumentException when the packet would exceed 268,435,455 bytes of remaining length
     */
    public static void publishHeader(PacketBuffer out, byte[] topic, int qos, boolean retain, boolean dup,
            int packetId, int payloadLength) {
        long remaining = publishRemainingLength(topic.length, qos, payloadLength);
        if (remaining < 0) {
            throw new IllegalArgumentException("message too large for MQTT: topic " + topic.length + " + payload "
                    + payloadLength + " bytes exceed the protocol's " + RemainingLength.MAX + " byte limit");
        }
        int first = PacketType.PUBLISH << 4 | (dup ? 0b1000 : 0) | qos << 1 | (retain ? 1 : 0);
        out.putFixedHeader(first, (int) remaining).putField(topic);
        if (qos > 0) {
            out.putShort(packetId);
        }
    }

    /**
     * Appends PUBACK, PUBREC, PUBREL, PUBCOMP or UNSUBACK.
     *
     * @param out the buffer
     * @param type the packet type
     * @param packetId the packet id
     */
    public static void ack(PacketBuffer out, int type, int packetId) {
        out.putFixedHeader(type << 4 | PacketType.requiredFlags(type), 2).putShort(packetId);
    }

    /**
     * Appends PINGREQ, PINGRESP or DISCONNECT.
     *
     * @param out the buffer
     * @param type the packet type
     */
    public static void empty(PacketBuffer out, int type) {
        out.putFixedHeader(type << 4, 0);
    }

    private static void connect(Packet.Connect c, PacketBuffer out) {
        byte[] clientId = c.clientId().getBytes(StandardCharsets.UTF_8);
        byte[] user = c.user() == null ? null : c.user().getBytes(StandardCharsets.UTF_8);
        Packet.Will will = c.will();
        int length = 2 + PROTOCOL_NAME.length + 1 + 1 + 2 + 2 + clientId.length;
        int flags = c.cleanSession() ? 0x02 : 0;
        if (will != null) {
            length += 2 + will.topic().length + 2 + will.payload().length;
            flags |= 0x04 | will.qos() << 3 | (will.retain() ? 0x20 : 0);
        }
        if (user != null) {
            length += 2 + user.length;
            flags |= 0x80;
        }
        if (c.password() != null) {
            length += 2 + c.password().length;
            flags |= 0x40;
        }
        out.putFixedHeader(PacketType.CONNECT << 4, length)
                .putField(PROTOCOL_NAME).put(PROTOCOL_LEVEL).put(flags).putShort(c.keepAliveSeconds())
                .putField(clientId);
        if (will != null) {
            out.putField(will.topic()).putField(will.payload());
        }
        if (user != null) {
            out.putField(user);
        }
        if (c.password() != null) {
            out.putField(c.password());
        }
    }
}

package umqtt.simple.codec;

import java.nio.charset.StandardCharsets;

/**
 * Encodes the packets a client sends into a {@link PacketBuffer}: the length of each packet is
 * computed once, then every field is written once.
 */
public final class Encoder {

    private static final byte[] PROTOCOL_NAME = {'M', 'Q', 'T', 'T'};
    private static final int PROTOCOL_LEVEL = 4;

    private Encoder() {
    }

    /**
     * The remaining length of a PUBLISH.
     *
     * @param topicLength the topic's UTF-8 length
     * @param qos 0..2 (a packet id follows the topic when above 0)
     * @param payloadLength the payload's length
     * @return the remaining length, or -1 when it exceeds what MQTT can carry
     */
    public static long publishRemainingLength(int topicLength, int qos, int payloadLength) {
        long n = 2L + topicLength + (qos > 0 ? 2 : 0) + payloadLength;
        return n > RemainingLength.MAX ? -1 : n;
    }

    /**
     * Writes a PUBLISH's fixed header, topic and packet id; the payload follows separately so a
     * large one can be streamed without a copy.
     *
     * @param out the buffer
     * @param topic the topic name
     * @param qos 0..2
     * @param retain the retain flag
     * @param dup the DUP flag (a re-send)
     * @param packetId the packet id, ignored for QoS 0
     * @param payloadLength the length of the payload that follows
     * @throws IllegalArgumentException when the packet would exceed MQTT's size limit
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
     * Writes PUBACK, PUBREC, PUBREL or PUBCOMP.
     *
     * @param out the buffer
     * @param type the packet type
     * @param packetId the packet id
     */
    public static void ack(PacketBuffer out, int type, int packetId) {
        out.putFixedHeader(type << 4 | PacketType.requiredFlags(type), 2).putShort(packetId);
    }

    /**
     * Writes a packet that is only a fixed header: PINGREQ or DISCONNECT.
     *
     * @param out the buffer
     * @param type the packet type
     */
    public static void empty(PacketBuffer out, int type) {
        out.putFixedHeader(type << 4, 0);
    }

    /**
     * Writes SUBSCRIBE.
     *
     * @param out the buffer
     * @param packetId the packet id
     * @param filters the topic filters
     * @param qos the requested QoS of each filter
     */
    public static void subscribe(PacketBuffer out, int packetId, byte[][] filters, int[] qos) {
        int length = 2;
        for (byte[] f : filters) {
            length += 2 + f.length + 1;
        }
        out.putFixedHeader(PacketType.SUBSCRIBE << 4 | 0b0010, length).putShort(packetId);
        for (int i = 0; i < filters.length; i++) {
            out.putField(filters[i]).put(qos[i]);
        }
    }

    /**
     * Writes UNSUBSCRIBE.
     *
     * @param out the buffer
     * @param packetId the packet id
     * @param filters the topic filters
     */
    public static void unsubscribe(PacketBuffer out, int packetId, byte[]... filters) {
        int length = 2;
        for (byte[] f : filters) {
            length += 2 + f.length;
        }
        out.putFixedHeader(PacketType.UNSUBSCRIBE << 4 | 0b0010, length).putShort(packetId);
        for (byte[] f : filters) {
            out.putField(f);
        }
    }

    /**
     * Writes CONNECT (protocol level 4).
     *
     * @param out the buffer
     * @param c what it carries
     */
    public static void connect(PacketBuffer out, Connect c) {
        byte[] clientId = c.clientId().getBytes(StandardCharsets.UTF_8);
        byte[] user = c.user() == null ? null : c.user().getBytes(StandardCharsets.UTF_8);
        Connect.Will will = c.will();
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

package umqtt.mqtt5.codec;

import umqtt.simple.codec.PacketBuffer;
import umqtt.simple.codec.RemainingLength;

/**
 * Writes the MQTT 5 packets a client sends into a {@link PacketBuffer} (CONNACK, SUBACK and
 * UNSUBACK, which only a server sends, the tests' scripted server writes with its own code): lengths computed first, every field
 * written once. Acknowledgements, DISCONNECT and AUTH use their short forms when the reason is
 * Success and there are no properties (MQTT 5.0, 3.4.2.1, 3.14.2.1, 3.15.2.1).
 */
public final class PacketEncoder {

    private static final byte[] MQTT = {'M', 'Q', 'T', 'T'};

    private PacketEncoder() {
    }

    /**
     * Writes a whole packet.
     *
     * @return its size in bytes, fixed header included
     * @throws IllegalArgumentException when it exceeds what MQTT can carry
     */
    public static int encode(Packet p, PacketBuffer out) {
        if (p instanceof Packet.Connect c) {
            return connect(c, out);
        } else if (p instanceof Packet.Publish pub) {
            publishHeader(out, pub.topic(), 0, pub.qos(), pub.retain(), pub.dup(), pub.id(), pub.properties(),
                    pub.payload().length);
            out.put(pub.payload(), 0, pub.payload().length);
            return size(publishLength(pub.topic().length, 0, pub.qos(), pub.properties(), pub.payload().length));
        } else if (p instanceof Packet.Ack a) {
            return ack(out, a.type(), a.id(), a.reasonCode(), a.properties());
        } else if (p instanceof Packet.Subscribe s) {
            long n = 2L + withLength(s.properties());
            for (byte[] f : s.filters()) {
                n += 3 + f.length;
            }
            out.putFixedHeader(0x82, checked(n)).putShort(s.id());
            properties(s.properties(), out);
            for (int i = 0; i < s.filters().length; i++) {
                out.putField(s.filters()[i]).put(s.options()[i]);
            }
            return size(n);
        } else if (p instanceof Packet.Unsubscribe u) {
            long n = 2L + withLength(u.properties());
            for (byte[] f : u.filters()) {
                n += 2 + f.length;
            }
            out.putFixedHeader(0xA2, checked(n)).putShort(u.id());
            properties(u.properties(), out);
            for (byte[] f : u.filters()) {
                out.putField(f);
            }
            return size(n);
        } else if (p instanceof Packet.Reason r) {
            return reason(out, r.type(), r.reasonCode(), r.properties());
        } else if (p instanceof Packet.Empty) {
            out.putFixedHeader(p.type() << 4, 0);
            return 2;
        }
        throw new IllegalArgumentException("a client does not send " + PacketTypes.name(p.type()));
    }

    /** @return the size of a packet of remaining length {@code n}, fixed header included */
    private static int size(long n) {
        return 1 + RemainingLength.size((int) n) + (int) n;
    }

    /**
     * Writes a PUBLISH up to its payload, which the caller appends or streams.
     *
     * @param topic the topic name's bytes (empty when the alias stands for it)
     * @param alias a Topic Alias to add, 0 for none
     * @param props the properties, or null for none (nothing allocated then)
     */
    public static void publishHeader(PacketBuffer out, byte[] topic, int alias, int qos, boolean retain, boolean dup,
            int id, Properties props, int payloadLength) {
        int propLength = (props == null ? 0 : props.encodedLength()) + (alias > 0 ? 3 : 0);
        long n = publishLength(topic.length, alias, qos, props, payloadLength);
        out.putFixedHeader(0x30 | (dup ? 0b1000 : 0) | qos << 1 | (retain ? 1 : 0), checked(n)).putField(topic);
        if (qos > 0) {
            out.putShort(id);
        }
        Strings.putVbi(out, propLength);
        if (props != null) {
            props.write(out);
        }
        if (alias > 0) {
            out.put(Property.TOPIC_ALIAS).putShort(alias);
        }
    }

    /** @return the remaining length of a PUBLISH as {@link #publishHeader} writes it, with its payload */
    public static long publishLength(int topicLength, int alias, int qos, Properties props, int payloadLength) {
        int propLength = (props == null ? 0 : props.encodedLength()) + (alias > 0 ? 3 : 0);
        return 2L + topicLength + (qos > 0 ? 2 : 0) + RemainingLength.size(propLength) + propLength + payloadLength;
    }

    /** Writes PUBACK, PUBREC, PUBREL or PUBCOMP, in the short form when it can; returns its size. */
    public static int ack(PacketBuffer out, int type, int id, int reason, Properties props) {
        int first = type << 4 | PacketTypes.requiredFlags(type);
        if (props == null || props.isEmpty()) {
            if (reason == 0) {
                out.putFixedHeader(first, 2).putShort(id);
                return 4;
            }
            out.putFixedHeader(first, 3).putShort(id).put(reason);
            return 5;
        }
        int n = checked(3L + withLength(props));
        out.putFixedHeader(first, n).putShort(id).put(reason);
        properties(props, out);
        return size(n);
    }

    /** Writes DISCONNECT or AUTH, in the short form when it can; returns its size. */
    public static int reason(PacketBuffer out, int type, int reason, Properties props) {
        if (props == null || props.isEmpty()) {
            if (reason == 0) {
                out.putFixedHeader(type << 4, 0);
                return 2;
            }
            out.putFixedHeader(type << 4, 1).put(reason);
            return 3;
        }
        int n = checked(1L + withLength(props));
        out.putFixedHeader(type << 4, n).put(reason);
        properties(props, out);
        return size(n);
    }

    private static int connect(Packet.Connect c, PacketBuffer out) {
        Packet.Will w = c.will();
        long n = 10L + withLength(c.properties()) + 2 + c.clientId().length;
        int flags = c.cleanStart() ? 0x02 : 0;
        if (w != null) {
            n += withLength(w.properties()) + 4 + w.topic().length + w.payload().length;
            flags |= 0x04 | w.qos() << 3 | (w.retain() ? 0x20 : 0);
        }
        if (c.user() != null) {
            n += 2 + c.user().length;
            flags |= 0x80;
        }
        if (c.password() != null) {
            n += 2 + c.password().length;
            flags |= 0x40;
        }
        out.putFixedHeader(0x10, checked(n)).putField(MQTT).put(5).put(flags).putShort(c.keepAlive());
        properties(c.properties(), out);
        out.putField(c.clientId());
        if (w != null) {
            properties(w.properties(), out);
            out.putField(w.topic()).putField(w.payload());
        }
        if (c.user() != null) {
            out.putField(c.user());
        }
        if (c.password() != null) {
            out.putField(c.password());
        }
        return size(n);
    }

    /** @return the bytes of a property length and the properties it counts */
    public static int withLength(Properties props) {
        int n = props.encodedLength();
        return RemainingLength.size(n) + n;
    }

    /** Writes a property length and the properties. */
    public static void properties(Properties props, PacketBuffer out) {
        Strings.putVbi(out, props.encodedLength());
        props.write(out);
    }

    /** @return n, checked to fit a remaining length */
    public static int checked(long n) {
        if (n > RemainingLength.MAX) {
            throw new IllegalArgumentException("packet of " + n + " bytes exceeds MQTT's limit of " + RemainingLength.MAX);
        }
        return (int) n;
    }
}

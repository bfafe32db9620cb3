package umqtt.tests.virtual;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import umqtt.tests.brokers.RawPacket;

/**
 * One MQTT 3.1.1 packet as the server side of a {@link VirtualLink} sees it: the fixed-header byte
 * and the body. Reads the fields a test asserts on, and builds the packets a server sends. Written
 * for the tests alone, independent of the client's codec, so one cannot hide the other's mistake.
 *
 * @param header type in the high nibble, flags in the low nibble
 * @param body everything after the remaining length
 */
public record WirePacket(int header, byte[] body) {

    /** Packet types, as numbered by MQTT 3.1.1 §2.2.1. */
    public static final int CONNECT = 1, CONNACK = 2, PUBLISH = 3, PUBACK = 4, PUBREC = 5, PUBREL = 6,
            PUBCOMP = 7, SUBSCRIBE = 8, SUBACK = 9, UNSUBSCRIBE = 10, UNSUBACK = 11, PINGREQ = 12, PINGRESP = 13,
            DISCONNECT = 14;

    private static final String[] NAMES = {"RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC",
        "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT",
        "RESERVED"};

    /** Checks the header is one byte. */
    public WirePacket {
        if (header < 0 || header > 0xFF) {
            throw new IllegalArgumentException("header must be one byte but was " + header);
        }
        Objects.requireNonNull(body, "body");
    }

    // ------------------------------------------------------------ building what a server sends

    /** @return CONNACK with the session-present flag and return code */
    public static WirePacket connack(boolean sessionPresent, int returnCode) {
        return new WirePacket(CONNACK << 4, new byte[] {(byte) (sessionPresent ? 1 : 0), (byte) returnCode});
    }

    /** @return PUBACK, PUBREC, PUBREL (flags 2), PUBCOMP or UNSUBACK for {@code id} */
    public static WirePacket ack(int type, int id) {
        return new WirePacket(type << 4 | (type == PUBREL ? 2 : 0), new byte[] {(byte) (id >>> 8), (byte) id});
    }

    /** @return SUBACK for {@code id} with one return code per filter */
    public static WirePacket suback(int id, int... codes) {
        byte[] b = new byte[2 + codes.length];
        b[0] = (byte) (id >>> 8);
        b[1] = (byte) id;
        for (int i = 0; i < codes.length; i++) {
            b[2 + i] = (byte) codes[i];
        }
        return new WirePacket(SUBACK << 4, b);
    }

    /** @return PINGRESP */
    public static WirePacket pingresp() {
        return new WirePacket(PINGRESP << 4, new byte[0]);
    }

    /** @return PUBLISH; {@code id} is ignored at QoS 0 */
    public static WirePacket publish(String topic, byte[] payload, int qos, boolean dup, boolean retain, int id) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        b.write(t.length >>> 8);
        b.write(t.length);
        b.writeBytes(t);
        if (qos > 0) {
            b.write(id >>> 8);
            b.write(id);
        }
        b.writeBytes(payload);
        return new WirePacket(PUBLISH << 4 | (dup ? 8 : 0) | qos << 1 | (retain ? 1 : 0), b.toByteArray());
    }

    // ------------------------------------------------------------ reading what a client sent

    /** @return the packet type, 1..14 */
    public int type() {
        return header >>> 4;
    }

    /** @return the type's name, e.g. "PUBACK" */
    public String name() {
        return NAMES[type()];
    }

    /** @return PUBLISH: the QoS from the fixed header */
    public int qos() {
        return header >>> 1 & 3;
    }

    /** @return PUBLISH: the DUP flag */
    public boolean dup() {
        return (header & 8) != 0;
    }

    /** @return PUBLISH: the RETAIN flag */
    public boolean retain() {
        return (header & 1) != 0;
    }

    /** @return PUBLISH: the topic name */
    public String topic() {
        return string(0);
    }

    /** @return PUBLISH: the payload */
    public byte[] payload() {
        int from = 2 + u16(0) + (qos() > 0 ? 2 : 0);
        return Arrays.copyOfRange(body, from, body.length);
    }

    /** @return the packet id (PUBLISH with QoS above 0, the acks, (UN)SUBSCRIBE, (UN)SUBACK); 0 when none */
    public int packetId() {
        if (type() == PUBLISH) {
            return qos() == 0 ? 0 : u16(2 + u16(0));
        }
        return type() >= PUBACK && type() <= UNSUBACK ? u16(0) : 0;
    }

    /** @return CONNECT: the clean-session flag */
    public boolean cleanSession() {
        return (body[7] & 2) != 0;
    }

    /** @return CONNECT: the keepalive in seconds */
    public int keepAliveSeconds() {
        return u16(8);
    }

    /** @return CONNECT: the client identifier */
    public String clientId() {
        return string(10);
    }

    /** @return SUBSCRIBE and UNSUBSCRIBE: the topic filters */
    public List<String> filters() {
        List<String> filters = new ArrayList<>();
        for (int i = 2; i < body.length; i += 2 + u16(i) + (type() == SUBSCRIBE ? 1 : 0)) {
            filters.add(string(i));
        }
        return filters;
    }

    /** @return SUBSCRIBE: the QoS asked for each filter */
    public int[] requestedQos() {
        List<Integer> qos = new ArrayList<>();
        for (int i = 2; i < body.length; i += 3 + u16(i)) {
            qos.add(body[i + 2 + u16(i)] & 0xFF);
        }
        return qos.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the whole packet as it travels: header, remaining length, body */
    public byte[] toBytes() {
        return new RawPacket(header, body).toBytes();
    }

    private int u16(int at) {
        return (body[at] & 0xFF) << 8 | body[at + 1] & 0xFF;
    }

    private String string(int at) {
        return new String(body, at + 2, u16(at), StandardCharsets.UTF_8);
    }

    /** @return e.g. {@code PUBLISH(q1 id=3 dup 'a/b' 5 B)}, {@code PUBACK(3)}, {@code PINGREQ} */
    @Override
    public String toString() {
        return switch (type()) {
            case PUBLISH -> "PUBLISH(q" + qos() + (qos() > 0 ? " id=" + packetId() : "") + (dup() ? " dup" : "")
                    + (retain() ? " retain" : "") + " '" + topic() + "' " + payload().length + " B)";
            case CONNECT -> "CONNECT(" + clientId() + (cleanSession() ? " clean" : " resume") + " k="
                    + keepAliveSeconds() + ")";
            case CONNACK -> "CONNACK(sp=" + body[0] + " rc=" + body[1] + ")";
            case SUBSCRIBE, UNSUBSCRIBE -> name() + "(" + packetId() + " " + filters() + ")";
            case PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK -> name() + "(" + packetId() + ")";
            default -> name();
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WirePacket p && p.header == header && Arrays.equals(p.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * header + Arrays.hashCode(body);
    }
}

package umqtt.tests.mqtt5;

import java.util.ArrayList;
import java.util.List;
import umqtt.api.MqttException;
import umqtt.mqtt5.codec.Faults;
import umqtt.mqtt5.codec.FrameReader;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.PacketDecoder;
import umqtt.mqtt5.codec.PacketEncoder;
import umqtt.mqtt5.codec.PacketTypes;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;
import umqtt.mqtt5.codec.Wire;
import umqtt.simple.codec.PacketBuffer;
import umqtt.simple.codec.RemainingLength;

/**
 * The server's half of the MQTT 5 codec, which the client never needs and so lives with the tests
 * (the scripted server and the codec properties): decoding CONNECT, SUBSCRIBE and UNSUBSCRIBE,
 * encoding CONNACK, SUBACK and UNSUBACK; every other packet goes to the client's codec
 * ({@link PacketDecoder}, {@link PacketEncoder}).
 */
public final class ServerCodec {

    private static final byte[] MQTT = {'M', 'Q', 'T', 'T'};

    private ServerCodec() {
    }

    /** Decodes any packet, from either side, as {@link PacketDecoder#decode} does the server's. */
    public static Packet decode(int header, byte[] buf, int off, int len) throws MqttException {
        int type = header >>> 4 & 0x0F;
        if (type != 1 && type != 8 && type != 10) {
            return PacketDecoder.decode(header, buf, off, len);
        }
        PacketTypes.checkFixedHeader(header);
        Wire in = new Wire(buf, off, len, PacketTypes.name(type));
        Packet p = type == 1 ? connect(in) : type == 8 ? subscribe(in) : unsubscribe(in);
        if (in.remaining() != 0) {
            throw Faults.malformed(in.packet() + " has " + in.remaining() + " bytes after its last field");
        }
        return p;
    }

    /** Decodes the packet the reader holds. */
    public static Packet decode(FrameReader reader) throws MqttException {
        return decode(reader.header(), reader.buffer(), reader.bodyOffset(), reader.bodyLength());
    }

    /** Writes any packet, from either side; returns its size, as {@link PacketEncoder#encode} does. */
    public static int encode(Packet p, PacketBuffer out) {
        long n;
        if (p instanceof Packet.Connack c) {
            n = 2 + PacketEncoder.withLength(c.properties());
            out.putFixedHeader(0x20, (int) n).put(c.sessionPresent() ? 1 : 0).put(c.reasonCode());
            PacketEncoder.properties(c.properties(), out);
        } else if (p instanceof Packet.Acks a) {
            n = PacketEncoder.checked(2L + PacketEncoder.withLength(a.properties()) + a.reasonCodes().length);
            out.putFixedHeader(a.type() << 4, (int) n).putShort(a.id());
            PacketEncoder.properties(a.properties(), out);
            for (int code : a.reasonCodes()) {
                out.put(code);
            }
        } else {
            return PacketEncoder.encode(p, out);
        }
        return 1 + RemainingLength.size((int) n) + (int) n;
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
    private static Packet.Subscribe subscribe(Wire in) throws MqttException {
        int id = PacketDecoder.packetId(in);
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
        int id = PacketDecoder.packetId(in);
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
}

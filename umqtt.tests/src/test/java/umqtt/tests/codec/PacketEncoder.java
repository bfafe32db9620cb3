package umqtt.tests.codec;

import java.util.EnumSet;
import java.util.Set;
import umqtt.tests.codec.MqttPacket.Ack;
import umqtt.tests.codec.MqttPacket.Connack;
import umqtt.tests.codec.MqttPacket.Connect;
import umqtt.tests.codec.MqttPacket.Empty;
import umqtt.tests.codec.MqttPacket.Publish;
import umqtt.tests.codec.MqttPacket.Suback;
import umqtt.tests.codec.MqttPacket.Subscribe;
import umqtt.tests.codec.MqttPacket.Subscription;
import umqtt.tests.codec.MqttPacket.Unsubscribe;

/**
 * Writes packets as MQTT 3.1.1 §3 lays them out: the server's packets, to feed the main decoder,
 * and the client's, to check that the main encoder writes the same bytes. The test side's own
 * encoder, written from the spec apart from the main codec; it writes what it is given, valid or
 * not, so that the generators decide what is valid.
 */
final class PacketEncoder {

    private static final Set<PacketKind> SERVER = EnumSet.of(PacketKind.CONNACK, PacketKind.PUBLISH,
            PacketKind.PUBACK, PacketKind.PUBREC, PacketKind.PUBREL, PacketKind.PUBCOMP, PacketKind.SUBACK,
            PacketKind.UNSUBACK, PacketKind.PINGRESP);
    private static final Set<PacketKind> CLIENT = EnumSet.of(PacketKind.CONNECT, PacketKind.PUBLISH,
            PacketKind.PUBACK, PacketKind.PUBREC, PacketKind.PUBREL, PacketKind.PUBCOMP, PacketKind.SUBSCRIBE,
            PacketKind.UNSUBSCRIBE, PacketKind.PINGREQ, PacketKind.DISCONNECT);

    private PacketEncoder() {
    }

    /** @return the bytes of a packet a server sends */
    static byte[] server(MqttPacket p) {
        return encode(p, SERVER, "a server");
    }

    /** @return the bytes of a packet a client sends */
    static byte[] client(MqttPacket p) {
        return encode(p, CLIENT, "a client");
    }

    private static byte[] encode(MqttPacket p, Set<PacketKind> allowed, String who) {
        if (!allowed.contains(p.kind())) {
            throw new IllegalArgumentException(who + " does not send " + p.kind());
        }
        WireOutput body = new WireOutput();
        int flags = p.kind().requiredFlags();
        if (p instanceof Connect c) {
            connect(c, body);
        } else if (p instanceof Connack c) {
            body.u8(c.sessionPresent() ? 1 : 0).u8(c.returnCode());
        } else if (p instanceof Publish m) {
            flags = (m.dup() ? 0b1000 : 0) | m.qos() << 1 | (m.retain() ? 1 : 0);
            body.string(m.topic());
            if (m.qos() > 0) {
                body.u16(m.packetId());
            }
            body.bytes(m.payload().array());
        } else if (p instanceof Ack a) {
            body.u16(a.packetId());
        } else if (p instanceof Subscribe s) {
            body.u16(s.packetId());
            for (Subscription sub : s.subscriptions()) {
                body.string(sub.filter()).u8(sub.qos());
            }
        } else if (p instanceof Suback s) {
            body.u16(s.packetId());
            s.returnCodes().forEach(body::u8);
        } else if (p instanceof Unsubscribe u) {
            body.u16(u.packetId());
            u.filters().forEach(body::string);
        } else if (!(p instanceof Empty)) {
            throw new IllegalArgumentException("unknown packet " + p);
        }
        return WireOutput.packet(p.kind().code() << 4 | flags, body.toByteArray());
    }

    /** §3.1.2 and §3.1.3: fields in the order client id, will topic, will message, user name, password. */
    private static void connect(Connect c, WireOutput body) {
        int flags = (c.user() != null ? 0x80 : 0) | (c.password() != null ? 0x40 : 0)
                | (c.cleanSession() ? 0x02 : 0);
        if (c.will() != null) {
            flags |= 0x04 | c.will().qos() << 3 | (c.will().retain() ? 0x20 : 0);
        }
        body.string("MQTT").u8(4).u8(flags).u16(c.keepAliveSeconds()).string(c.clientId());
        if (c.will() != null) {
            body.string(c.will().topic()).binary(c.will().message().array());
        }
        if (c.user() != null) {
            body.string(c.user());
        }
        if (c.password() != null) {
            body.binary(c.password().array());
        }
    }
}

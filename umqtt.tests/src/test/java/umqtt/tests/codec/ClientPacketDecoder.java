package umqtt.tests.codec;

import java.util.ArrayList;
import java.util.List;
import umqtt.tests.codec.MqttPacket.Ack;
import umqtt.tests.codec.MqttPacket.Connect;
import umqtt.tests.codec.MqttPacket.Empty;
import umqtt.tests.codec.MqttPacket.Publish;
import umqtt.tests.codec.MqttPacket.Subscribe;
import umqtt.tests.codec.MqttPacket.Subscription;
import umqtt.tests.codec.MqttPacket.Unsubscribe;

/**
 * Decodes what a client sends, as a strict server reads it: written from MQTT 3.1.1 §2 and §3
 * apart from the main codec, so a main-encoder packet that decodes here to the values it was
 * given is evidence from two implementations. Every rule broken is a {@link MalformedPacket}.
 */
final class ClientPacketDecoder {

    private ClientPacketDecoder() {
    }

    /** @return every packet in {@code bytes}, in order; the bytes must end where a packet does */
    static List<MqttPacket> decodeAll(byte[] bytes) {
        WireInput in = new WireInput(bytes, 0, bytes.length);
        List<MqttPacket> packets = new ArrayList<>();
        while (in.remaining() > 0) {
            packets.add(next(in));
        }
        return packets;
    }

    /** @return the one packet that {@code bytes} holds */
    static MqttPacket decode(byte[] bytes) {
        List<MqttPacket> all = decodeAll(bytes);
        if (all.size() != 1) {
            throw new MalformedPacket("expected one packet but found " + all.size());
        }
        return all.get(0);
    }

    private static MqttPacket next(WireInput in) {
        int first = in.u8("fixed header");
        PacketKind kind = PacketKind.of(first >>> 4);
        int flags = first & 0x0F;
        if (kind != PacketKind.PUBLISH && flags != kind.requiredFlags()) {
            throw new MalformedPacket(kind + " flags must be " + kind.requiredFlags() + " but were " + flags
                    + " [MQTT-2.2.2-2]");
        }
        WireInput body = in.take(in.remainingLength(), kind + " body");
        MqttPacket p = switch (kind) {
            case CONNECT -> connect(body);
            case PUBLISH -> publish(flags, body);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> new Ack(kind, packetId(body, kind));
            case SUBSCRIBE -> subscribe(body);
            case UNSUBSCRIBE -> unsubscribe(body);
            case PINGREQ, DISCONNECT -> new Empty(kind);
            default -> throw new MalformedPacket("a client never sends " + kind);
        };
        body.expectEnd(kind.toString());
        return p;
    }

    /** §3.1. */
    private static Connect connect(WireInput in) {
        String protocol = in.string("protocol name");
        if (!protocol.equals("MQTT")) {
            throw new MalformedPacket("protocol name must be MQTT but was '" + protocol + "' [MQTT-3.1.2-1]");
        }
        int level = in.u8("protocol level");
        if (level != 4) {
            throw new MalformedPacket("protocol level must be 4 but was " + level + " [MQTT-3.1.2-2]");
        }
        int flags = in.u8("connect flags");
        boolean user = (flags & 0x80) != 0;
        boolean password = (flags & 0x40) != 0;
        boolean willRetain = (flags & 0x20) != 0;
        int willQos = flags >>> 3 & 3;
        boolean will = (flags & 0x04) != 0;
        if ((flags & 0x01) != 0) {
            throw new MalformedPacket("the reserved connect flag is set [MQTT-3.1.2-3]");
        }
        if (!will && (willQos != 0 || willRetain)) {
            throw new MalformedPacket("will QoS or retain set without a will [MQTT-3.1.2-13], [MQTT-3.1.2-15]");
        }
        if (willQos == 3) {
            throw new MalformedPacket("will QoS 3 [MQTT-3.1.2-14]");
        }
        if (password && !user) {
            throw new MalformedPacket("password flag without user name flag [MQTT-3.1.2-22]");
        }
        int keepAlive = in.u16("keep alive");
        String clientId = in.string("client identifier");
        MqttPacket.Will w = null;
        if (will) {
            String topic = TopicRules.name(in.string("will topic"), "will topic");
            w = new MqttPacket.Will(topic, new Bytes(in.binary("will message")), willQos, willRetain);
        }
        String userName = user ? in.string("user name") : null;
        Bytes pw = password ? new Bytes(in.binary("password")) : null;
        return new Connect(clientId, (flags & 0x02) != 0, keepAlive, w, userName, pw);
    }

    /** §3.3, client to server. */
    private static Publish publish(int flags, WireInput in) {
        boolean dup = (flags & 0b1000) != 0;
        int qos = flags >>> 1 & 3;
        if (qos == 3) {
            throw new MalformedPacket("PUBLISH with QoS 3 [MQTT-3.3.1-4]");
        }
        if (qos == 0 && dup) {
            throw new MalformedPacket("PUBLISH with QoS 0 and DUP set [MQTT-3.3.1-2]");
        }
        String topic = TopicRules.name(in.string("topic name"), "topic name");
        int id = qos > 0 ? packetId(in, PacketKind.PUBLISH) : 0;
        return new Publish(topic, new Bytes(in.rest()), qos, (flags & 1) != 0, dup, id);
    }

    /** §3.8. */
    private static Subscribe subscribe(WireInput in) {
        int id = packetId(in, PacketKind.SUBSCRIBE);
        List<Subscription> subs = new ArrayList<>();
        do {
            String filter = TopicRules.filter(in.string("topic filter"));
            int qos = in.u8("requested QoS");
            if (qos > 2) {
                throw new MalformedPacket("requested QoS byte must be 0..2 but was " + qos + " [MQTT-3.8.3-4]");
            }
            subs.add(new Subscription(filter, qos));
        } while (in.remaining() > 0);
        return new Subscribe(id, subs);
    }

    /** §3.10. */
    private static Unsubscribe unsubscribe(WireInput in) {
        int id = packetId(in, PacketKind.UNSUBSCRIBE);
        List<String> filters = new ArrayList<>();
        do {
            filters.add(TopicRules.filter(in.string("topic filter")));
        } while (in.remaining() > 0);
        return new Unsubscribe(id, filters);
    }

    /** §2.3.1: non-zero [MQTT-2.3.1-1]. */
    private static int packetId(WireInput in, PacketKind kind) {
        int id = in.u16(kind + " packet id");
        if (id == 0) {
            throw new MalformedPacket(kind + " with packet id 0 [MQTT-2.3.1-1]");
        }
        return id;
    }
}

package umqtt.tests.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.codec.CodecTheory.qt;
import static org.quicktheories.generators.Generate.oneOf;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import umqtt.api.MqttException;
import umqtt.simple.codec.PacketReader;
import umqtt.tests.codec.MqttPacket.Ack;
import umqtt.tests.codec.MqttPacket.Publish;

/**
 * A server packet that breaks one rule of MQTT 3.1.1 is refused by the main reader and decoder
 * as malformed, never taken for a packet. Each case starts from a valid packet and breaks one
 * rule; where a client may send the same packet, the test side's decoder must refuse it too.
 */
class MalformedServerPacketProperties {

    /** Byte sequences that are not UTF-8: overlong, surrogates, above U+10FFFF, stray and cut-off bytes. */
    private static final List<byte[]> NOT_UTF8 = List.of(bytes(0xC0, 0x80), bytes(0xC1, 0xBF),
            bytes(0xE0, 0x80, 0x80), bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xBF, 0xBF), bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xF5, 0x80, 0x80, 0x80), bytes(0xFF), bytes(0x80), bytes(0xC3), bytes(0xE2, 0x82),
            bytes(0xF0, 0x9F, 0x98));

    /** One broken rule: its name and the bytes that break it. */
    record Violation(String rule, byte[] bytes) {
        @Override
        public String toString() {
            return rule + ": " + new Bytes(bytes);
        }
    }

    @Test
    void aPacketBreakingOneRuleIsRefusedAsMalformed() {
        qt().withExamples(5_000).forAll(violations()).checkAssert(v -> {
            PacketReader reader = new PacketReader(new ByteArrayInputStream(v.bytes()), 1 << 20, 16);
            MqttException e = assertThrows(MqttException.class,
                    () -> assertTrue(reader.next() && MainDecoding.decode(reader) == null, "type refused"), v.rule());
            assertEquals(MqttException.MALFORMED_PACKET, e.code(), e.getMessage());
            int type = (v.bytes()[0] & 0xFF) >>> 4;
            if (type == 3 || type >= 4 && type <= 7) {
                assertThrows(MalformedPacket.class, () -> ClientPacketDecoder.decode(v.bytes()), v.rule());
            }
        });
    }

    static Gen<Violation> violations() {
        Gen<Publish> publishes = PacketGenerators.publishes().map(p -> (Publish) p);
        Gen<Publish> qos12 = publishes.map(p -> p.qos() > 0 ? p : new Publish(p.topic(), p.payload(), 1, p.retain(),
                p.dup(), 1));
        Gen<Ack> acks = PacketGenerators.acks(PacketKind.PUBACK, PacketKind.PUBREC, PacketKind.PUBREL,
                PacketKind.PUBCOMP, PacketKind.UNSUBACK).map(a -> (Ack) a);
        Gen<Violation> flags = PacketGenerators.serverPackets().assuming(p -> p.kind() != PacketKind.PUBLISH)
                .zip(range(1, 15), (p, x) -> patched(PacketEncoder.server(p), 0, PacketEncoder.server(p)[0] ^ x,
                        p.kind() + " with wrong fixed-header flags [MQTT-2.2.2-2]"));
        return oneOf(
                publishes.map(p -> first(p.qos() == 0 ? p : asQos0(p), 0x08, "PUBLISH QoS 0 with DUP [MQTT-3.3.1-2]")),
                publishes.map(p -> first(p, 0x06, "PUBLISH QoS 3 [MQTT-3.3.1-4]")),
                publishes.zip(range(0, 30), pick(List.of("+", "#")), (p, at, w) -> encode(withTopic(p,
                        insert(p.topic(), at, w)), "PUBLISH topic with a wildcard [MQTT-3.3.2-2]")),
                qos12.map(p -> encode(new Publish(p.topic(), p.payload(), p.qos(), p.retain(), p.dup(), 0),
                        "PUBLISH QoS " + p.qos() + " with packet id 0 [MQTT-2.3.1-1]")),
                publishes.map(p -> encode(withTopic(p, ""), "PUBLISH with an empty topic [MQTT-4.7.3-1]")),
                publishes.zip(range(0, 30), (p, at) -> encode(withTopic(p, insert(p.topic(), at, "\0")),
                        "PUBLISH topic with U+0000 [MQTT-1.5.3-2]")),
                publishes.zip(range(0, 30), pick(NOT_UTF8), (p, at, bad) -> notUtf8(p, at, bad)),
                publishes.map(p -> cutInsideTopic(p)),
                acks.map(a -> encode(new Ack(a.kind(), 0), a.kind() + " with packet id 0 [MQTT-2.3.1-1]")),
                acks.zip(range(0, 255), (a, extra) -> packet(a.kind(), new WireOutput().u16(a.packetId()).u8(extra),
                        a.kind() + " longer than 2 bytes [MQTT-3.4.2]")),
                acks.map(a -> packet(a.kind(), new WireOutput().u8(a.packetId() >>> 8), a.kind() + " of 1 byte")),
                flags,
                PacketGenerators.packetIds().map(id -> packet(PacketKind.SUBACK, new WireOutput().u16(id),
                        "SUBACK without a return code [MQTT-3.9.3]")),
                PacketGenerators.packetIds().zip(range(3, 0xFE), (id, c) -> packet(PacketKind.SUBACK,
                        new WireOutput().u16(id).u8(0).u8(c >= 0x80 ? c + 1 : c), "SUBACK return code "
                                + (c >= 0x80 ? c + 1 : c) + " [MQTT-3.9.3-2]")),
                range(1, 5).map(n -> packet(PacketKind.SUBACK, new WireOutput().u16(0).u8(n % 3),
                        "SUBACK with packet id 0 [MQTT-2.3.1-1]")),
                range(2, 255).zip(range(0, 5), (f, rc) -> packet(PacketKind.CONNACK, new WireOutput().u8(f).u8(rc),
                        "CONNACK acknowledge flags " + f + " [MQTT-3.2.2-1]")),
                range(6, 255).map(rc -> packet(PacketKind.CONNACK, new WireOutput().u8(0).u8(rc),
                        "CONNACK return code " + rc + " (6..255 are reserved) [MQTT-3.2.2.3]")),
                PacketGenerators.anyBytes(5).assuming(b -> b.length != 2).map(b -> packet(PacketKind.CONNACK,
                        new WireOutput().bytes(b), "CONNACK of " + b.length + " bytes [MQTT-3.2.2]")),
                PacketGenerators.anyBytes(3).assuming(b -> b.length > 0).map(b -> packet(PacketKind.PINGRESP,
                        new WireOutput().bytes(b), "PINGRESP with a body [MQTT-3.13]")),
                pick(List.of(0x00, 0xF0)).map(h -> new Violation("reserved packet type [MQTT-2.2.1]", bytes(h, 0))));
    }

    /** The topic bytes with an ill-formed sequence put in at a character boundary. */
    private static Violation notUtf8(Publish p, int at, byte[] bad) {
        int cut = p.topic().offsetByCodePoints(0, at % (p.topic().codePointCount(0, p.topic().length()) + 1));
        byte[] topic = new WireOutput().bytes(p.topic().substring(0, cut).getBytes(StandardCharsets.UTF_8)).bytes(bad)
                .bytes(p.topic().substring(cut).getBytes(StandardCharsets.UTF_8)).toByteArray();
        WireOutput body = new WireOutput().binary(topic);
        if (p.qos() > 0) {
            body.u16(p.packetId());
        }
        return new Violation("PUBLISH topic not UTF-8 [MQTT-1.5.3-1]",
                WireOutput.packet(PacketEncoder.server(p)[0] & 0xFF, body.bytes(p.payload().array()).toByteArray()));
    }

    /** A PUBLISH whose topic length says more than the body holds. */
    private static Violation cutInsideTopic(Publish p) {
        byte[] topic = p.topic().getBytes(StandardCharsets.UTF_8);
        byte[] body = new WireOutput().u16(topic.length).bytes(topic).toByteArray();
        return new Violation("PUBLISH that ends inside its topic", WireOutput.packet(PacketEncoder.server(p)[0] & 0xFF,
                Arrays.copyOf(body, body.length - 1)));
    }

    private static Publish asQos0(Publish p) {
        return new Publish(p.topic(), p.payload(), 0, p.retain(), false, 0);
    }

    private static Publish withTopic(Publish p, String topic) {
        return new Publish(topic, p.payload(), p.qos(), p.retain(), p.dup(), p.packetId());
    }

    private static String insert(String s, int at, String what) {
        int cut = s.offsetByCodePoints(0, at % (s.codePointCount(0, s.length()) + 1));
        return s.substring(0, cut) + what + s.substring(cut);
    }

    private static Violation encode(MqttPacket p, String rule) {
        return new Violation(rule, PacketEncoder.server(p));
    }

    private static Violation first(MqttPacket p, int orBits, String rule) {
        byte[] b = PacketEncoder.server(p);
        return patched(b, 0, b[0] | orBits, rule);
    }

    private static Violation patched(byte[] b, int at, int value, String rule) {
        b[at] = (byte) value;
        return new Violation(rule, b);
    }

    private static Violation packet(PacketKind kind, WireOutput body, String rule) {
        return new Violation(rule, WireOutput.packet(kind.code() << 4 | kind.requiredFlags(), body.toByteArray()));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}

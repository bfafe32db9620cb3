package umqtt.tests.codec;

import static org.quicktheories.generators.Generate.booleans;
import static org.quicktheories.generators.Generate.byteArrays;
import static org.quicktheories.generators.Generate.bytes;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.oneOf;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import umqtt.api.Message;
import umqtt.simple.codec.Packet;
import umqtt.simple.codec.PacketType;
import umqtt.simple.codec.RemainingLength;

/** Generators for the codec properties, in one place so the properties read like the spec. */
final class PacketGenerators {

    /** The remaining lengths where the encoding changes size, and the extremes. */
    static final List<Integer> LENGTH_BOUNDARIES = List.of(0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152,
            RemainingLength.MAX - 1, RemainingLength.MAX);

    private PacketGenerators() {
    }

    /** Any remaining length, with the boundaries mixed in so they are always tried. */
    static Gen<Integer> remainingLengths() {
        return range(0, RemainingLength.MAX).mix(pick(LENGTH_BOUNDARIES), 30);
    }

    static Gen<Integer> packetIds() {
        return range(1, 65_535).mix(pick(List.of(1, 2, 255, 256, 65_534, 65_535)), 20);
    }

    static Gen<Integer> qos() {
        return range(0, 2);
    }

    static Gen<byte[]> anyBytes(int maxLength) {
        return byteArrays(range(0, maxLength), bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    /** Topic names: non-empty UTF-8 text without wildcards, including multi-byte characters. */
    static Gen<byte[]> topicNames() {
        Gen<String> level = pick(List.of("a", "sensors", "temp", "ü", "数据", "🚀", "x y", "$SYS", "ok-1", "_"));
        return range(1, 5).flatMap(n -> listOf(level, n)).map(levels -> String.join("/", levels)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Topic filters: names with '+' levels and a trailing '#' mixed in. */
    static Gen<byte[]> topicFilters() {
        Gen<String> level = pick(List.of("a", "b", "+", "ü", "数据", "x"));
        return range(1, 4).flatMap(n -> listOf(level, n)).zip(booleans(), (levels, hash) -> {
            String f = String.join("/", levels);
            return (hash ? f + "/#" : f).getBytes(StandardCharsets.UTF_8);
        });
    }

    static Gen<String> clientIds() {
        return pick(List.of("", "c", "sensor-1", "ü-client", "x".repeat(23), "long-" + "y".repeat(100)));
    }

    static Gen<Message> messages() {
        Gen<byte[]> payloads = oneOf(anyBytes(64), anyBytes(2_000), constant(new byte[0]));
        return topicNames().zip(payloads, qos(), booleans(), (t, p, q, retain) -> new Message(t, p, q, retain, false))
                .zip(booleans(), (m, dup) -> m.qos() > 0 && dup
                        ? new Message(m.topic(), m.payload(), m.qos(), m.retained(), true) : m);
    }

    static Gen<Packet> connects() {
        Gen<Packet.Will> wills = topicNames().zip(anyBytes(50), qos(), booleans(), Packet.Will::new);
        Gen<Packet.Will> maybeWill = oneOf(wills, constant((Packet.Will) null));
        Gen<String> users = pick(List.of("alice", "ü", ""));
        return clientIds().zip(booleans(), range(0, 65_535), maybeWill, (id, clean, ka, will) ->
                        new Packet.Connect(id, clean, ka, will, null, null))
                .zip(oneOf(users, constant((String) null)), anyBytes(20), (c, user, pw) -> new Packet.Connect(
                        c.clientId(), c.cleanSession(), c.keepAliveSeconds(), c.will(), user, user == null ? null : pw));
    }

    /** Every packet type, valid per MQTT 3.1.1. */
    static Gen<Packet> packets() {
        Gen<Packet> connack = booleans().zip(range(0, 5), (sp, rc) -> new Packet.Connack(sp && rc == 0, rc));
        Gen<Packet> publish = messages().zip(packetIds(), (m, id) -> new Packet.Publish(m, m.qos() == 0 ? 0 : id));
        Gen<Packet> ack = pick(List.of(PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL, PacketType.PUBCOMP,
                PacketType.UNSUBACK)).zip(packetIds(), Packet.Ack::new);
        Gen<Packet> subscribe = packetIds().zip(range(1, 4).flatMap(n -> listOf(
                topicFilters().zip(qos(), Packet.Subscription::new), n)), Packet.Subscribe::new);
        Gen<Packet> suback = packetIds().zip(range(1, 4).flatMap(n -> listOf(pick(List.of(0, 1, 2, 0x80)), n)),
                Packet.Suback::new);
        Gen<Packet> unsubscribe = packetIds().zip(range(1, 4).flatMap(n -> listOf(topicFilters(), n)),
                Packet.Unsubscribe::new);
        Gen<Packet> empty = pick(List.of(PacketType.PINGREQ, PacketType.PINGRESP, PacketType.DISCONNECT))
                .map(Packet.Empty::new);
        return oneOf(connects(), connack, publish, ack, subscribe, suback, unsubscribe, empty);
    }

    static <T> Gen<List<T>> listOf(Gen<T> element, int n) {
        return random -> {
            List<T> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(element.generate(random));
            }
            return list;
        };
    }
}

package umqtt.tests.codec;

import static org.quicktheories.generators.Generate.booleans;
import static org.quicktheories.generators.Generate.byteArrays;
import static org.quicktheories.generators.Generate.bytes;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.oneOf;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import umqtt.simple.codec.RemainingLength;
import umqtt.tests.codec.MqttPacket.Ack;
import umqtt.tests.codec.MqttPacket.Connack;
import umqtt.tests.codec.MqttPacket.Connect;
import umqtt.tests.codec.MqttPacket.Empty;
import umqtt.tests.codec.MqttPacket.Publish;
import umqtt.tests.codec.MqttPacket.Suback;
import umqtt.tests.codec.MqttPacket.Subscribe;
import umqtt.tests.codec.MqttPacket.Subscription;
import umqtt.tests.codec.MqttPacket.Unsubscribe;
import umqtt.tests.codec.MqttPacket.Will;

/**
 * Generators for the codec properties, in one place so the properties read like the spec. Every
 * packet generated is valid MQTT 3.1.1 for the side that sends it.
 */
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

    /**
     * {@code rare} in about {@code percent} of the examples, else {@code common}. Unlike
     * {@link Gen#mix}, whose shrinking moves toward the mixed-in generator, this shrinks toward
     * {@code common}, so a counterexample shrinks to small, plain values.
     */
    static <T> Gen<T> mostly(Gen<T> common, Gen<T> rare, int percent) {
        Gen<Integer> dice = range(0, 99, 0);
        return random -> dice.generate(random) < 100 - percent ? common.generate(random) : rare.generate(random);
    }

    /**
     * Payloads: small, up to 2,000 bytes (a two-byte remaining length) and now and then just over
     * 16 KB, where the remaining length needs three bytes; empty ones are the shrink target.
     */
    static Gen<Bytes> payloads() {
        return mostly(oneOf(anyBytes(64), anyBytes(2_000)),
                byteArrays(range(16_370, 16_400), bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)), 3)
                .map(Bytes::new);
    }

    /**
     * Unicode text of {@code min..max} code points, mostly ASCII but with 2-, 3- and 4-byte UTF-8
     * forms; never U+0000 or a surrogate (no valid MQTT string holds them), never a character of
     * {@code excluded}.
     */
    static Gen<String> text(int min, int max, String excluded) {
        Gen<Integer> codePoints = mostly(range(1, 0x7F, 'a'), oneOf(range(0x80, 0x7FF), range(0x800, 0xD7FF),
                range(0xE000, 0xFFFF), range(0x1_0000, 0x10_FFFF)), 40)
                .map(cp -> excluded.indexOf(cp) >= 0 ? 'x' : cp);
        Gen<Integer> lengths = range(min, max);
        return random -> {
            int n = lengths.generate(random);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.appendCodePoint(codePoints.generate(random));
            }
            return sb.toString();
        };
    }

    /** Topic names: non-empty, no wildcards; '/' anywhere, so empty levels too. */
    static Gen<String> topicNames() {
        return text(1, 30, "+#");
    }

    /** Topic filters: levels of text or '+', and now and then a trailing '#'. */
    static Gen<String> topicFilters() {
        Gen<String> level = mostly(text(0, 8, "+#/"), constant("+"), 25);
        return range(1, 4).flatMap(n -> listOf(level, n)).zip(booleans(), (levels, hash) -> {
            List<String> all = new ArrayList<>(levels);
            if (hash) {
                all.add("#");
            }
            String f = String.join("/", all);
            return f.isEmpty() ? "#" : f;
        });
    }

    /** Client ids: empty, the 23 characters every server must accept [MQTT-3.1.3-5], and longer. */
    static Gen<String> clientIds() {
        return mostly(text(0, 23, ""), text(24, 200, ""), 10);
    }

    static Gen<Will> wills() {
        return topicNames().zip(anyBytes(50).map(Bytes::new), qos(), booleans(), Will::new);
    }

    /** CONNECT with or without will, user name and password; a password only with a user name [MQTT-3.1.2-22]. */
    static Gen<MqttPacket> connects() {
        Gen<Integer> keepAlives = range(0, 65_535).mix(pick(List.of(0, 1, 60, 65_535)), 20);
        Gen<String> users = oneOf(text(0, 20, ""), constant((String) null));
        Gen<Bytes> passwords = oneOf(anyBytes(30).map(Bytes::new), constant((Bytes) null));
        return clientIds().zip(booleans(), keepAlives, oneOf(wills(), constant((Will) null)),
                (id, clean, keepAlive, will) -> new Connect(id, clean, keepAlive, will, null, null))
                .zip(users, passwords, (c, user, pw) -> new Connect(c.clientId(), c.cleanSession(),
                        c.keepAliveSeconds(), c.will(), user, user == null ? null : pw));
    }

    /** PUBLISH in either direction: DUP only with QoS 1 or 2 [MQTT-3.3.1-2], a packet id only then. */
    static Gen<MqttPacket> publishes() {
        return topicNames().zip(payloads(), qos(), booleans(), (topic, payload, qos, retain) ->
                        new Publish(topic, payload, qos, retain, false, 0))
                .zip(booleans(), packetIds(), (p, dup, id) -> p.qos() == 0 ? p
                        : new Publish(p.topic(), p.payload(), p.qos(), p.retain(), dup, id));
    }

    static Gen<MqttPacket> acks(PacketKind... kinds) {
        return pick(List.of(kinds)).zip(packetIds(), Ack::new);
    }

    /** Every packet a client sends. */
    static Gen<MqttPacket> clientPackets() {
        Gen<MqttPacket> subscribe = packetIds().zip(range(1, 5).flatMap(n -> listOf(
                topicFilters().zip(qos(), Subscription::new), n)), Subscribe::new);
        Gen<MqttPacket> unsubscribe = packetIds().zip(range(1, 5).flatMap(n -> listOf(topicFilters(), n)),
                Unsubscribe::new);
        Gen<MqttPacket> empty = pick(List.of(PacketKind.PINGREQ, PacketKind.DISCONNECT)).map(Empty::new);
        return oneOf(connects(), publishes(), acks(PacketKind.PUBACK, PacketKind.PUBREC, PacketKind.PUBREL,
                PacketKind.PUBCOMP), subscribe, unsubscribe, empty);
    }

    /** Every packet a server sends; CONNACK reports a session only when it accepts [MQTT-3.2.2-4]. */
    static Gen<MqttPacket> serverPackets() {
        Gen<MqttPacket> connack = booleans().zip(range(0, 5), (sp, rc) -> new Connack(sp && rc == 0, rc));
        Gen<MqttPacket> suback = packetIds().zip(range(1, 8).flatMap(n -> listOf(pick(List.of(0, 1, 2, 0x80)), n)),
                Suback::new);
        return oneOf(connack, publishes(), acks(PacketKind.PUBACK, PacketKind.PUBREC, PacketKind.PUBREL,
                PacketKind.PUBCOMP, PacketKind.UNSUBACK), suback, constant(new Empty(PacketKind.PINGRESP)));
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

package umqtt.tests.mqtt5;

import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/**
 * The MQTT 5.0 standard's tables as test data (Table 2-4 Properties, the reason codes of each
 * packet), written out here from the standard rather than taken from the codec, and generators of
 * valid packets and properties built on them. Every packet generated is valid MQTT 5.0.
 */
final class Mqtt5Generators {

    static final int BYTE = Property.BYTE;
    static final int TWO = Property.TWO;
    static final int FOUR = Property.FOUR;
    static final int VBI = Property.VBI;
    static final int STRING = Property.STRING;
    static final int BINARY = Property.BINARY;
    static final int PAIR = Property.PAIR;

    /** Pseudo packet type 0: the Will Properties of a CONNECT. */
    static final int WILL = 0;

    /** A row of Table 2-4: identifier, name, data type, the packets that may carry it. */
    record Spec(int id, String name, int type, Set<Integer> packets) {
    }

    private static final Set<Integer> ACKS = Set.of(4, 5, 6, 7);

    /** MQTT 5.0, 2.2.2.2 Table 2-4 Properties (packet types: 1 CONNECT ... 15 AUTH; 0 Will Properties). */
    static final List<Spec> TABLE = List.of(
            new Spec(0x01, "Payload Format Indicator", BYTE, Set.of(3, WILL)),
            new Spec(0x02, "Message Expiry Interval", FOUR, Set.of(3, WILL)),
            new Spec(0x03, "Content Type", STRING, Set.of(3, WILL)),
            new Spec(0x08, "Response Topic", STRING, Set.of(3, WILL)),
            new Spec(0x09, "Correlation Data", BINARY, Set.of(3, WILL)),
            new Spec(0x0B, "Subscription Identifier", VBI, Set.of(3, 8)),
            new Spec(0x11, "Session Expiry Interval", FOUR, Set.of(1, 2, 14)),
            new Spec(0x12, "Assigned Client Identifier", STRING, Set.of(2)),
            new Spec(0x13, "Server Keep Alive", TWO, Set.of(2)),
            new Spec(0x15, "Authentication Method", STRING, Set.of(1, 2, 15)),
            new Spec(0x16, "Authentication Data", BINARY, Set.of(1, 2, 15)),
            new Spec(0x17, "Request Problem Information", BYTE, Set.of(1)),
            new Spec(0x18, "Will Delay Interval", FOUR, Set.of(WILL)),
            new Spec(0x19, "Request Response Information", BYTE, Set.of(1)),
            new Spec(0x1A, "Response Information", STRING, Set.of(2)),
            new Spec(0x1C, "Server Reference", STRING, Set.of(2, 14)),
            new Spec(0x1F, "Reason String", STRING, Set.of(2, 4, 5, 6, 7, 9, 11, 14, 15)),
            new Spec(0x21, "Receive Maximum", TWO, Set.of(1, 2)),
            new Spec(0x22, "Topic Alias Maximum", TWO, Set.of(1, 2)),
            new Spec(0x23, "Topic Alias", TWO, Set.of(3)),
            new Spec(0x24, "Maximum QoS", BYTE, Set.of(2)),
            new Spec(0x25, "Retain Available", BYTE, Set.of(2)),
            new Spec(0x26, "User Property", PAIR, Set.of(1, 2, 3, WILL, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15)),
            new Spec(0x27, "Maximum Packet Size", FOUR, Set.of(1, 2)),
            new Spec(0x28, "Wildcard Subscription Available", BYTE, Set.of(2)),
            new Spec(0x29, "Subscription Identifier Available", BYTE, Set.of(2)),
            new Spec(0x2A, "Shared Subscription Available", BYTE, Set.of(2)));

    /** The packet types that carry properties, with 0 for the Will Properties. */
    static final List<Integer> TYPES_WITH_PROPERTIES = List.of(WILL, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15);

    /** The reason codes each packet may carry (MQTT 5.0 Tables 3-1, 3-4, 3-5, 3-6, 3-7, 3-8, 3-9, 3-10, 3-11, 3-13). */
    static List<Integer> reasonCodes(int type) {
        return switch (type) {
            case 2 -> List.of(0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90, 0x95,
                    0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F);
            case 4, 5 -> List.of(0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99);
            case 6, 7 -> List.of(0x00, 0x92);
            case 9 -> List.of(0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2);
            case 11 -> List.of(0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91);
            case 14 -> List.of(0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90, 0x93, 0x94,
                    0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2);
            case 15 -> List.of(0x00, 0x18, 0x19);
            default -> List.of();
        };
    }

    static Spec spec(int id) {
        return TABLE.stream().filter(s -> s.id() == id).findFirst().orElse(null);
    }

    /** Whether the standard lets the property appear more than once in that packet (2.2.2.2, 3.3.2.3.8). */
    static boolean repeatable(int id, int type) {
        return id == 0x26 || id == 0x0B && type == 3;
    }

    private Mqtt5Generators() {
    }

    /** Unicode text of up to {@code max} code points, mostly ASCII, never U+0000 or a surrogate (MQTT-1.5.4-1, -2). */
    static Gen<String> text(int max) {
        Gen<Integer> ascii = range(1, 0x7F);
        Gen<Integer> any = range(0x80, 0x10FFFF).map(c -> c >= 0xD800 && c <= 0xDFFF ? c + 0x800 : c);
        Gen<Integer> dice = range(0, 9);
        Gen<Integer> length = range(0, max);
        return in -> {
            StringBuilder s = new StringBuilder();
            for (int n = length.generate(in); n > 0; n--) {
                s.appendCodePoint(dice.generate(in) < 8 ? ascii.generate(in) : any.generate(in));
            }
            return s.toString();
        };
    }

    static Gen<byte[]> bytes(int max) {
        Gen<Integer> length = range(0, max);
        Gen<Integer> value = range(0, 255);
        return in -> {
            byte[] b = new byte[length.generate(in)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) value.generate(in);
            }
            return b;
        };
    }

    /** A value of the property's type that the standard allows (a Protocol Error otherwise). */
    static long number(int id, RandomnessSource in) {
        return switch (id) {
            case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> range(0, 1).generate(in);
            case 0x21, 0x23 -> range(1, 0xFFFF).generate(in); // Receive Maximum and Topic Alias are never 0
            case 0x13, 0x22 -> range(0, 0xFFFF).generate(in);
            case 0x0B -> pick(List.of(1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455))
                    .mix(range(1, 268_435_455), 50).generate(in);
            case 0x27 -> org.quicktheories.generators.SourceDSL.longs().between(1, 0xFFFF_FFFFL).generate(in);
            default -> org.quicktheories.generators.SourceDSL.longs().between(0, 0xFFFF_FFFFL).generate(in);
        };
    }

    /** Sets property {@code id} to a valid random value (adds one, for the repeatable ones). */
    static void setRandom(Properties p, int id, RandomnessSource in) {
        switch (spec(id).type()) {
            case STRING -> p.set(id, id == 0x08 // Response Topic: a topic name (MQTT-3.3.2-14)
                    ? new String(topics().generate(in), StandardCharsets.UTF_8) : text(12).generate(in));
            case BINARY -> p.set(id, bytes(20).generate(in));
            case PAIR -> p.addUser(text(8).generate(in), text(8).generate(in));
            default -> p.set(id, number(id, in));
        }
    }

    /** Random valid properties for a packet type (0 for the Will Properties): any subset, repeats where allowed. */
    static Gen<Properties> properties(int type) {
        List<Spec> allowed = TABLE.stream().filter(s -> s.packets().contains(type)).toList();
        Gen<Integer> dice = range(0, 99);
        Gen<Integer> repeats = range(0, 3);
        return in -> {
            Properties p = new Properties();
            boolean none = dice.generate(in) < 20;
            for (Spec s : allowed) {
                if (none || dice.generate(in) >= 35) {
                    continue;
                }
                int times = repeatable(s.id(), type) ? repeats.generate(in) : 1;
                for (int i = 0; i < times; i++) {
                    setRandom(p, s.id(), in);
                }
            }
            return p;
        };
    }

    static Gen<Integer> packetIds() {
        return range(1, 0xFFFF).mix(pick(List.of(1, 255, 256, 0xFFFF)), 20);
    }

    /** Topic names: no wildcards, at least one character. */
    static Gen<byte[]> topics() {
        return text(10).map(t -> ("t/" + t.replace('+', 'p').replace('#', 'h')).getBytes(StandardCharsets.UTF_8));
    }

    static Gen<byte[]> utf8(int max) {
        return text(max).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** Any valid MQTT 5 packet, of every type with equal chance. */
    static Gen<Packet> packets() {
        return range(1, 15).flatMap(Mqtt5Generators::packets);
    }

    /** A valid packet of one type, with random fields and properties. */
    static Gen<Packet> packets(int type) {
        Gen<Boolean> coin = range(0, 1).map(i -> i == 1);
        Gen<Integer> qos = range(0, 2);
        Gen<Integer> count = range(1, 4);
        return in -> switch (type) {
            case 1 -> new Packet.Connect(coin.generate(in), range(0, 0xFFFF).generate(in), properties(1).generate(in),
                    utf8(23).generate(in), coin.generate(in) ? new Packet.Will(properties(WILL).generate(in),
                            topics().generate(in), bytes(30).generate(in), qos.generate(in), coin.generate(in)) : null,
                    coin.generate(in) ? utf8(10).generate(in) : null, coin.generate(in) ? bytes(10).generate(in) : null);
            case 2 -> {
                int reason = pick(reasonCodes(2)).generate(in);
                yield new Packet.Connack(reason == 0 && coin.generate(in), reason, properties(2).generate(in));
            }
            case 3 -> {
                int q = qos.generate(in);
                yield new Packet.Publish(topics().generate(in), q, coin.generate(in), q > 0 && coin.generate(in),
                        q > 0 ? packetIds().generate(in) : 0, properties(3).generate(in), bytes(100).generate(in));
            }
            case 4, 5, 6, 7 -> new Packet.Ack(type, packetIds().generate(in), pick(reasonCodes(type)).generate(in),
                    properties(type).generate(in));
            case 8 -> {
                int n = count.generate(in);
                byte[][] filters = new byte[n][];
                int[] options = new int[n];
                for (int i = 0; i < n; i++) {
                    filters[i] = utf8(10).map(f -> f.length == 0 ? new byte[] {'#'} : f).generate(in);
                    // QoS 0..2, No Local, Retain As Published, Retain Handling 0..2 (MQTT 5.0, 3.8.3.1)
                    options[i] = qos.generate(in) | (coin.generate(in) ? 4 : 0) | (coin.generate(in) ? 8 : 0)
                            | range(0, 2).generate(in) << 4;
                }
                Properties p = new Properties();
                if (coin.generate(in)) {
                    p.set(Property.SUBSCRIPTION_IDENTIFIER, number(0x0B, in));
                }
                for (int i = range(0, 2).generate(in); i > 0; i--) {
                    setRandom(p, Property.USER_PROPERTY, in);
                }
                yield new Packet.Subscribe(packetIds().generate(in), p, filters, options);
            }
            case 9, 11 -> {
                int[] codes = new int[count.generate(in)];
                for (int i = 0; i < codes.length; i++) {
                    codes[i] = pick(reasonCodes(type)).generate(in);
                }
                yield new Packet.Acks(type, packetIds().generate(in), properties(type).generate(in), codes);
            }
            case 10 -> {
                byte[][] filters = new byte[count.generate(in)][];
                for (int i = 0; i < filters.length; i++) {
                    filters[i] = utf8(10).generate(in);
                }
                yield new Packet.Unsubscribe(packetIds().generate(in), properties(10).generate(in), filters);
            }
            case 12, 13 -> new Packet.Empty(type);
            default -> new Packet.Reason(type, pick(reasonCodes(type)).generate(in), properties(type).generate(in));
        };
    }
}

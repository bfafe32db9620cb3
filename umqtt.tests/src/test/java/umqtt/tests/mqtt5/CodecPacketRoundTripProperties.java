package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.range;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/**
 * Every MQTT 5 packet type, with random fields and random valid properties (MQTT 5.0, 2.2.2 and
 * chapter 3): encoded, framed and decoded, it comes back field for field, and encodes to the
 * same bytes again.
 */
class CodecPacketRoundTripProperties {

    @Test
    void everyPacketWithRandomPropertiesRoundTrips() {
        qt().withShrinkCycles(200).withExamples(20_000).forAll(Mqtt5Generators.packets()).checkAssert(p -> {
            byte[] wire = Mqtt5Wire.encode(p);
            Packet back = decoded(wire);
            assertEquals(canonical(p), canonical(back), () -> Mqtt5Wire.hex(wire));
            assertArrayEquals(wire, Mqtt5Wire.encode(back));
        });
    }

    @Test
    void eachTypeRoundTripsOnItsOwn() {
        // The same property, type by type, so a rare type still gets its thousand examples.
        for (int type = 1; type <= 15; type++) {
            qt().withShrinkCycles(200).withExamples(1_000).forAll(Mqtt5Generators.packets(type)).checkAssert(p ->
                    assertEquals(canonical(p), canonical(decoded(Mqtt5Wire.encode(p)))));
        }
    }

    @Test
    void theRemainingLengthIsTheBodyInTheMinimalNumberOfBytes() {
        // MQTT-1.5.5-1 on the encoding side: a PUBLISH whose payload puts its length at each boundary.
        qt().withExamples(200).forAll(range(0, 20_000)).checkAssert(n -> {
            Packet.Publish p = new Packet.Publish(new byte[] {'t'}, 0, false, false, 0, new Properties(), new byte[n]);
            byte[] wire = Mqtt5Wire.encode(p);
            int body = 3 + 1 + n; // topic field, property length 0, payload
            byte[] expected = new Mqtt5Wire().u8(0x30).vbi(body).toByteArray();
            assertArrayEquals(expected, Arrays.copyOf(wire, expected.length));
            assertEquals(expected.length + body, wire.length);
        });
    }

    private static Packet decoded(byte[] wire) {
        try {
            return Mqtt5Wire.decode(wire);
        } catch (Exception e) {
            throw new AssertionError("valid packet refused: " + e.getMessage() + " in " + Mqtt5Wire.hex(wire), e);
        }
    }

    /** Every field and property of a packet as text, bytes in hex: equal texts mean equal packets. */
    static String canonical(Packet p) {
        HexFormat hex = HexFormat.of();
        if (p instanceof Packet.Connect c) {
            Packet.Will w = c.will();
            return "CONNECT " + c.cleanStart() + " " + c.keepAlive() + " " + canonical(c.properties()) + " "
                    + hex.formatHex(c.clientId()) + " will=" + (w == null ? "-" : canonical(w.properties()) + " "
                    + hex.formatHex(w.topic()) + " " + hex.formatHex(w.payload()) + " " + w.qos() + " " + w.retain())
                    + " user=" + (c.user() == null ? "-" : hex.formatHex(c.user())) + " password="
                    + (c.password() == null ? "-" : hex.formatHex(c.password()));
        } else if (p instanceof Packet.Connack c) {
            return "CONNACK " + c.sessionPresent() + " " + c.reasonCode() + " " + canonical(c.properties());
        } else if (p instanceof Packet.Publish x) {
            return "PUBLISH " + hex.formatHex(x.topic()) + " " + x.qos() + " " + x.retain() + " " + x.dup() + " "
                    + x.id() + " " + canonical(x.properties()) + " " + hex.formatHex(x.payload());
        } else if (p instanceof Packet.Ack a) {
            return "ACK " + a.type() + " " + a.id() + " " + a.reasonCode() + " " + canonical(a.properties());
        } else if (p instanceof Packet.Subscribe x) {
            return "SUBSCRIBE " + x.id() + " " + canonical(x.properties()) + " "
                    + Arrays.stream(x.filters()).map(hex::formatHex).toList() + " " + Arrays.toString(x.options());
        } else if (p instanceof Packet.Unsubscribe u) {
            return "UNSUBSCRIBE " + u.id() + " " + canonical(u.properties()) + " "
                    + Arrays.stream(u.filters()).map(hex::formatHex).toList();
        } else if (p instanceof Packet.Acks a) {
            return "ACKS " + a.type() + " " + a.id() + " " + canonical(a.properties()) + " "
                    + Arrays.toString(a.reasonCodes());
        } else if (p instanceof Packet.Reason r) {
            return "REASON " + r.type() + " " + r.reasonCode() + " " + canonical(r.properties());
        }
        return "EMPTY " + p.type();
    }

    /** Every property of Table 2-4 by identifier, through the codec's typed accessors. */
    static String canonical(Properties p) {
        StringBuilder s = new StringBuilder("{");
        for (Mqtt5Generators.Spec spec : Mqtt5Generators.TABLE) {
            int id = spec.id();
            if (!p.has(id)) {
                continue;
            }
            s.append(id).append('=');
            switch (spec.type()) {
                case Mqtt5Generators.STRING, Mqtt5Generators.BINARY -> s.append(HexFormat.of().formatHex(p.binary(id)));
                case Mqtt5Generators.PAIR -> s.append(p.users());
                case Mqtt5Generators.VBI -> s.append(Arrays.toString(p.subscriptionIdentifiers()));
                default -> s.append(p.number(id, -1));
            }
            s.append(';');
        }
        return s.append('}').toString();
    }

    static {
        // The canonical form must know every property the codec does.
        assertEquals(Mqtt5Generators.TABLE.size(), (int) java.util.stream.IntStream.rangeClosed(1, Property.MAX_ID)
                .filter(id -> Property.type(id) != 0).count());
    }
}

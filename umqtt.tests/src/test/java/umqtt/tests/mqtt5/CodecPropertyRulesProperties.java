package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.PacketTypes;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;
import umqtt.tests.mqtt5.Mqtt5Generators.Spec;

/**
 * MQTT 5.0, 2.2.2 Properties, read from bytes written here by hand: each identifier with its
 * data type in each packet Table 2-4 allows; "A Control Packet which contains an Identifier which
 * is not valid for its packet type, or contains a value not of the specified data type, is a
 * Malformed Packet" (2.2.2.2: 0x81), and each property's own "It is a Protocol Error to include
 * the ... more than once" (3.1.2.11.x, 3.2.2.3.x, 3.3.2.3.x, ...: 0x82) except User Property
 * (2.2.2.2 and each packet: "allowed to appear multiple times") and Subscription Identifier in
 * PUBLISH (3.3.2.3.8: "Multiple Subscription Identifiers will be included").
 */
class CodecPropertyRulesProperties {

    @Test
    void theCodecsTableIsTable2_4() {
        for (int id = 0; id <= 0x7F; id++) {
            Spec spec = Mqtt5Generators.spec(id);
            assertEquals(spec == null ? 0 : spec.type(), Property.type(id), "type of " + id);
            for (int type : Mqtt5Generators.TYPES_WITH_PROPERTIES) {
                assertEquals(spec != null && spec.packets().contains(type), Property.allowed(id, type),
                        "property " + id + " in packet type " + type);
            }
            for (int type : List.of(12, 13)) {
                assertEquals(false, Property.allowed(id, type), "PINGREQ and PINGRESP have no properties");
            }
            if (spec != null) {
                assertEquals(spec.name(), Property.name(id));
            }
        }
    }

    @Test
    void theCodecsReasonCodesAreThoseOfEachPacketsTable() {
        for (int type : List.of(2, 4, 5, 6, 7, 9, 11, 14, 15)) {
            for (int code = 0; code <= 0xFF; code++) {
                assertEquals(Mqtt5Generators.reasonCodes(type).contains(code), PacketTypes.allowed(type, code),
                        "reason " + code + " in packet type " + type);
            }
        }
    }

    @Test
    void everyPropertyDecodesWithItsTypeInEveryPacketThatMayCarryIt() {
        for (Spec spec : Mqtt5Generators.TABLE) {
            for (int type : spec.packets()) {
                qt().withExamples(100).forAll(value(spec)).checkAssert(value -> {
                    Properties p = decodedProperties(type, property(spec.id(), value));
                    assertTrue(p.has(spec.id()), spec.name());
                    switch (spec.type()) {
                        case Mqtt5Generators.STRING, Mqtt5Generators.BINARY -> assertArrayEquals((byte[]) value,
                                p.binary(spec.id()), spec.name());
                        case Mqtt5Generators.PAIR -> assertEquals(((String[]) value)[0] + "=" + ((String[]) value)[1],
                                p.users().get(0).name() + "=" + p.users().get(0).value());
                        case Mqtt5Generators.VBI -> assertArrayEquals(new int[] {(int) (long) (Long) value},
                                p.subscriptionIdentifiers());
                        default -> assertEquals((long) (Long) value, p.number(spec.id(), -1), spec.name());
                    }
                });
            }
        }
    }

    @Test
    void aPropertyInAPacketThatMayNotCarryItIsMalformed_2_2_2_2() {
        for (Spec spec : Mqtt5Generators.TABLE) {
            for (int type : Mqtt5Generators.TYPES_WITH_PROPERTIES) {
                if (!spec.packets().contains(type)) {
                    byte[] property = property(spec.id(), oneValue(spec));
                    MqttException e = Mqtt5Wire.refusal(carrying(type, property));
                    assertEquals(0x81, e.code(), spec.name() + " in type " + type + ": " + e.getMessage());
                }
            }
        }
    }

    @Test
    void anUnknownPropertyIdentifierIsMalformed_2_2_2_2() {
        // Identifiers Table 2-4 does not define, one byte or longer (the identifier is a Variable Byte Integer).
        List<Integer> unknown = IntStream.rangeClosed(0, 0x3FFF).filter(id -> Mqtt5Generators.spec(id) == null)
                .boxed().toList();
        qt().withExamples(2_000).forAll(pick(unknown), pick(Mqtt5Generators.TYPES_WITH_PROPERTIES))
                .checkAssert((id, type) -> {
                    byte[] property = new Mqtt5Wire().vbi(id).u8(1).u8(2).u8(3).u8(4).toByteArray();
                    MqttException e = Mqtt5Wire.refusal(carrying(type, property));
                    assertEquals(0x81, e.code(), e.getMessage());
                });
    }

    @Test
    void aPropertyThatMayAppearOnceIsAProtocolErrorTheSecondTime() {
        // E.g. 3.1.2.11.2 "It is a Protocol Error to include the Session Expiry Interval more than once",
        // 3.2.2.3.3 Receive Maximum, 3.3.2.3.4 Topic Alias, 3.4.2.2.2 Reason String, 3.8.2.1.2 Subscription
        // Identifier (in SUBSCRIBE), 3.15.2.2.2 Authentication Method: every such property, in every packet.
        for (Spec spec : Mqtt5Generators.TABLE) {
            for (int type : spec.packets()) {
                if (Mqtt5Generators.repeatable(spec.id(), type)) {
                    continue;
                }
                qt().withExamples(20).forAll(value(spec), value(spec)).checkAssert((first, second) -> {
                    byte[] twice = concat(property(spec.id(), first), property(spec.id(), second));
                    MqttException e = Mqtt5Wire.refusal(carrying(type, twice));
                    assertEquals(0x82, e.code(), spec.name() + " twice in type " + type + ": " + e.getMessage());
                    assertTrue(e.getMessage().contains("more than once"), e.getMessage());
                });
            }
        }
    }

    @Test
    void userPropertiesAndAPublishsSubscriptionIdentifiersMayRepeat() {
        for (int type : Mqtt5Generators.spec(Property.USER_PROPERTY).packets()) {
            qt().withExamples(30).forAll(range(2, 6)).checkAssert(n -> {
                byte[] all = new byte[0];
                for (int i = 0; i < n; i++) {
                    all = concat(all, property(Property.USER_PROPERTY, new String[] {"k", "v" + i}));
                }
                Properties p = decodedProperties(type, all);
                assertEquals(n, p.users().size());
                assertEquals("v" + (n - 1), p.users().get(n - 1).value(), "in their order");
            });
        }
        Properties publish = decodedProperties(3, concat(property(0x0B, 7L), property(0x0B, 3L)));
        assertArrayEquals(new int[] {7, 3}, publish.subscriptionIdentifiers());
    }

    @Test
    void valuesTheStandardForbidsAreProtocolErrors() {
        // 3.1.2.11.3/3.2.2.3.3 Receive Maximum 0, 3.1.2.11.4/3.2.2.3.6 Maximum Packet Size 0, 3.2.2.3.4 Maximum QoS 2,
        // 3.3.2.3.8 Subscription Identifier 0, and the byte-sized flags above 1 (3.1.2.11.6, 3.2.2.3.5, 3.3.2.3.2, ...).
        assertEquals(0x82, Mqtt5Wire.refusal(carrying(2, new Mqtt5Wire().u8(0x21).u16(0).toByteArray())).code());
        assertEquals(0x82, Mqtt5Wire.refusal(carrying(2, new Mqtt5Wire().u8(0x27).u32(0).toByteArray())).code());
        assertEquals(0x82, Mqtt5Wire.refusal(carrying(2, new Mqtt5Wire().u8(0x24).u8(2).toByteArray())).code());
        assertEquals(0x82, Mqtt5Wire.refusal(carrying(3, new Mqtt5Wire().u8(0x0B).u8(0).toByteArray())).code());
        for (int id : List.of(0x01, 0x17, 0x19, 0x25, 0x28, 0x29, 0x2A)) {
            for (int type : Mqtt5Generators.spec(id).packets()) {
                qt().withExamples(20).forAll(range(2, 255)).checkAssert(v -> assertEquals(0x82,
                        Mqtt5Wire.refusal(carrying(type, new Mqtt5Wire().u8(id).u8(v).toByteArray())).code()));
            }
        }
    }

    @Test
    void aValueThatIsNotOfItsTypeIsMalformed_2_2_2_2() {
        // Strings that are not UTF-8 (MQTT-1.5.4-1) or hold U+0000 (MQTT-1.5.4-2); a pair with only its name.
        byte[][] badStrings = {{(byte) 0xC3}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {'a', 0, 'b'}, {(byte) 0xFF}};
        for (Spec spec : Mqtt5Generators.TABLE) {
            if (spec.type() != Mqtt5Generators.STRING && spec.type() != Mqtt5Generators.PAIR) {
                continue;
            }
            for (byte[] bad : badStrings) {
                for (int type : spec.packets()) {
                    Mqtt5Wire w = new Mqtt5Wire().u8(spec.id()).field(bad);
                    if (spec.type() == Mqtt5Generators.PAIR) {
                        w.string("value");
                    }
                    assertEquals(0x81, Mqtt5Wire.refusal(carrying(type, w.toByteArray())).code(), spec.name());
                }
            }
        }
        byte[] nameOnly = new Mqtt5Wire().u8(0x26).string("name").toByteArray();
        assertEquals(0x81, Mqtt5Wire.refusal(carrying(4, nameOnly)).code());
    }

    /** A random valid value of the property's type: Long, byte[] (strings as UTF-8) or String[2] for a pair. */
    static org.quicktheories.core.Gen<Object> value(Spec spec) {
        return in -> switch (spec.type()) {
            case Mqtt5Generators.STRING -> spec.id() == 0x08 // Response Topic: a topic name (MQTT-3.3.2-14)
                    ? Mqtt5Generators.topics().generate(in) : Mqtt5Generators.utf8(12).generate(in);
            case Mqtt5Generators.BINARY -> Mqtt5Generators.bytes(20).generate(in);
            case Mqtt5Generators.PAIR -> new String[] {Mqtt5Generators.text(6).generate(in),
                Mqtt5Generators.text(6).generate(in)};
            default -> (Object) Mqtt5Generators.number(spec.id(), in);
        };
    }

    /** The property's bytes as the standard lays them out: identifier, then the value in its data type. */
    static byte[] property(int id, Object value) {
        Mqtt5Wire w = new Mqtt5Wire().vbi(id);
        switch (Mqtt5Generators.spec(id).type()) {
            case Mqtt5Generators.BYTE -> w.u8((int) (long) (Long) value);
            case Mqtt5Generators.TWO -> w.u16((int) (long) (Long) value);
            case Mqtt5Generators.FOUR -> w.u32((Long) value);
            case Mqtt5Generators.VBI -> w.vbi((int) (long) (Long) value);
            case Mqtt5Generators.PAIR -> w.string(((String[]) value)[0]).string(((String[]) value)[1]);
            default -> w.field((byte[]) value);
        }
        return w.toByteArray();
    }

    /**
     * A minimal valid packet of {@code type} (0: a CONNECT whose Will Properties are these) whose
     * properties are the bytes given, preceded by their length.
     */
    static byte[] carrying(int type, byte[] properties) {
        byte[] props = new Mqtt5Wire().vbi(properties.length).bytes(properties).toByteArray();
        Mqtt5Wire body = new Mqtt5Wire();
        int first = type << 4;
        switch (type) {
            case 0, 1 -> {
                body.string("MQTT").u8(5).u8(type == 0 ? 0x06 : 0x02).u16(60);
                body.bytes(type == 0 ? new byte[] {0} : props).string("id");
                if (type == 0) {
                    body.bytes(props).string("will/t").string("bye");
                }
                first = 0x10;
            }
            case 2 -> body.u8(0).u8(0).bytes(props);
            case 3 -> {
                body.string("t").u16(1).bytes(props).bytes("payload".getBytes(StandardCharsets.UTF_8));
                first = 0x32;
            }
            case 4, 5, 6, 7 -> {
                body.u16(1).u8(0).bytes(props);
                first |= type == 6 ? 2 : 0;
            }
            case 8 -> {
                body.u16(1).bytes(props).string("a/b").u8(1);
                first |= 2;
            }
            case 9, 11 -> body.u16(1).bytes(props).u8(0);
            case 10 -> {
                body.u16(1).bytes(props).string("a/b");
                first |= 2;
            }
            default -> body.u8(0).bytes(props);
        }
        return Mqtt5Wire.packet(first, body.toByteArray());
    }

    /** @return the properties of {@link #carrying}'s packet after decoding */
    static Properties decodedProperties(int type, byte[] properties) {
        byte[] wire = carrying(type, properties);
        Packet p;
        try {
            p = Mqtt5Wire.decode(wire);
        } catch (IOException e) {
            throw new AssertionError(e.getMessage() + " in " + Mqtt5Wire.hex(wire), e);
        }
        if (p instanceof Packet.Connect c) {
            return type == 0 ? c.will().properties() : c.properties();
        } else if (p instanceof Packet.Connack c) {
            return c.properties();
        } else if (p instanceof Packet.Publish x) {
            return x.properties();
        } else if (p instanceof Packet.Ack a) {
            return a.properties();
        } else if (p instanceof Packet.Subscribe s) {
            return s.properties();
        } else if (p instanceof Packet.Unsubscribe u) {
            return u.properties();
        } else if (p instanceof Packet.Acks a) {
            return a.properties();
        }
        return ((Packet.Reason) p).properties();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** A valid value of the property's type: 1, "x" or the pair k=v. */
    static Object oneValue(Spec spec) {
        return switch (spec.type()) {
            case Mqtt5Generators.STRING, Mqtt5Generators.BINARY -> new byte[] {'x'};
            case Mqtt5Generators.PAIR -> new String[] {"k", "v"};
            default -> (Object) 1L;
        };
    }
}

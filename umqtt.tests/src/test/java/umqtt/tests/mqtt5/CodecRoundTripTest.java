package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.mqtt5.codec.FrameReader;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;
import umqtt.simple.codec.PacketBuffer;

/** One round trip per MQTT 5 packet (encode, frame, decode, encode: same bytes) and the codec's main refusals. */
class CodecRoundTripTest {

    static byte[] bytes(Packet p) throws IOException {
        PacketBuffer out = new PacketBuffer(16);
        ServerCodec.encode(p, out);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        out.writeTo(b);
        return b.toByteArray();
    }

    static Packet parse(byte[] wire) throws IOException {
        FrameReader r = new FrameReader(new ByteArrayInputStream(wire), 1 << 20, 4);
        assertTrue(r.next());
        return ServerCodec.decode(r);
    }

    static Packet roundTrip(Packet p) throws IOException {
        byte[] wire = bytes(p);
        Packet back = parse(wire);
        assertArrayEquals(wire, bytes(back), () -> p + " came back as " + back);
        return back;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Properties props() {
        return new Properties();
    }

    @Test
    void connectWithEveryPart() throws IOException {
        Properties p = props().set(Property.SESSION_EXPIRY_INTERVAL, 0xFFFF_FFFFL).set(Property.RECEIVE_MAXIMUM, 10)
                .set(Property.MAXIMUM_PACKET_SIZE, 1000).set(Property.TOPIC_ALIAS_MAXIMUM, 5)
                .set(Property.REQUEST_PROBLEM_INFORMATION, 0).set(Property.AUTHENTICATION_METHOD, "SCRAM-SHA-256")
                .set(Property.AUTHENTICATION_DATA, new byte[] {1, 2}).addUser("a", "b").addUser("a", "c");
        Properties w = props().set(Property.WILL_DELAY_INTERVAL, 30).set(Property.PAYLOAD_FORMAT_INDICATOR, 1)
                .set(Property.CORRELATION_DATA, new byte[] {9});
        Packet.Connect c = (Packet.Connect) roundTrip(new Packet.Connect(true, 60, p, utf8("id"),
                new Packet.Will(w, utf8("will/t"), utf8("gone"), 2, true), utf8("u"), utf8("secret")));
        assertEquals(2, c.properties().users().size());
        assertEquals(30, c.will().properties().number(Property.WILL_DELAY_INTERVAL, -1));
        assertTrue(!c.toString().contains("secret"), c.toString());
    }

    @Test
    void connackAndAuthAndDisconnect() throws IOException {
        roundTrip(new Packet.Connack(true, 0, props().set(Property.MAXIMUM_QOS, 1).set(Property.RETAIN_AVAILABLE, 0)
                .set(Property.ASSIGNED_CLIENT_IDENTIFIER, "auto-1").set(Property.SERVER_KEEP_ALIVE, 20)));
        roundTrip(new Packet.Connack(false, 0x87, props().set(Property.REASON_STRING, "no")));
        roundTrip(new Packet.Reason(15, 0x18, props().set(Property.AUTHENTICATION_METHOD, "m")));
        roundTrip(new Packet.Reason(15, 0, props()));
        roundTrip(new Packet.Reason(14, 0x8E, props().set(Property.SERVER_REFERENCE, "other")));
        assertArrayEquals(new byte[] {(byte) 0xE0, 0}, bytes(new Packet.Reason(14, 0, props())));
        assertArrayEquals(new byte[] {(byte) 0xE0, 1, (byte) 0x81}, bytes(new Packet.Reason(14, 0x81, props())));
    }

    @Test
    void publishAndItsAcknowledgements() throws IOException {
        Packet.Publish p = (Packet.Publish) roundTrip(new Packet.Publish(utf8("a/b"), 1, true, true, 7,
                props().set(Property.SUBSCRIPTION_IDENTIFIER, 3).set(Property.SUBSCRIPTION_IDENTIFIER, 4)
                        .set(Property.TOPIC_ALIAS, 2).set(Property.CONTENT_TYPE, "text/plain"), utf8("hello")));
        assertArrayEquals(new int[] {3, 4}, p.properties().subscriptionIdentifiers());
        assertArrayEquals(utf8("hello"), p.payload());
        roundTrip(new Packet.Publish(utf8("t"), 0, false, false, 0, props(), new byte[0]));
        for (int type = 4; type <= 7; type++) {
            int reason = type < 6 ? 0x10 : 0x92;
            roundTrip(new Packet.Ack(type, 5, reason, props().set(Property.REASON_STRING, "why")));
            roundTrip(new Packet.Ack(type, 5, reason, props()));
            Packet.Ack shortForm = (Packet.Ack) roundTrip(new Packet.Ack(type, 5, 0, props()));
            assertEquals(4, bytes(shortForm).length, "MQTT 5.0 3.4.2.1: Success without properties is 2 bytes long");
        }
    }

    @Test
    void subscribeUnsubscribeAndTheirAcknowledgements() throws IOException {
        roundTrip(new Packet.Subscribe(1, props().set(Property.SUBSCRIPTION_IDENTIFIER, 9).addUser("k", "v"),
                new byte[][] {utf8("a/#"), utf8("$share/g/b")}, new int[] {0b101110, 1}));
        roundTrip(new Packet.Acks(9, 1, props().set(Property.REASON_STRING, "r"), new int[] {0, 1, 2, 0x80, 0xA2}));
        roundTrip(new Packet.Unsubscribe(2, props(), new byte[][] {utf8("a/#")}));
        roundTrip(new Packet.Acks(11, 2, props(), new int[] {0, 0x11}));
        roundTrip(new Packet.Empty(12));
        roundTrip(new Packet.Empty(13));
    }

    static int refusal(int... wire) {
        byte[] b = new byte[wire.length];
        for (int i = 0; i < wire.length; i++) {
            b[i] = (byte) wire[i];
        }
        MqttException e = assertThrows(MqttException.class, () -> ServerCodec.decode(b[0] & 0xFF, b, 2, b.length - 2));
        return e.code();
    }

    @Test
    void garbageIsRefusedWithTheStandardsCode() throws IOException {
        // PUBACK id 1, reason 0, properties: Reason String twice -> Protocol Error (MQTT 5.0, 3.4.2.2.2)
        assertEquals(0x82, refusal(0x40, 12, 0, 1, 0, 8, 0x1F, 0, 1, 'a', 0x1F, 0, 1, 'b'));
        // PUBACK property length 9 with 1 byte left -> Malformed
        assertEquals(0x81, refusal(0x40, 5, 0, 1, 0, 9, 0x1F));
        // PUBACK with Topic Alias, which it may not carry -> Malformed (MQTT 5.0, 2.2.2.2)
        assertEquals(0x81, refusal(0x40, 7, 0, 1, 0, 3, 0x23, 0, 1));
        // PUBACK reason 0x92 belongs to PUBREL/PUBCOMP -> Malformed
        assertEquals(0x81, refusal(0x40, 3, 0, 1, 0x92));
        // PUBLISH topic 0xC0 0x80 (overlong NUL) -> Malformed (MQTT-1.5.4-1)
        assertEquals(0x81, refusal(0x30, 5, 0, 2, 0xC0, 0x80, 0));
        // PUBLISH property length as a 5-byte variable byte integer -> Malformed (MQTT 5.0, 1.5.5)
        assertEquals(0x81, refusal(0x30, 8, 0, 1, 't', 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
        // SUBSCRIBE options with reserved bit 6 -> Malformed (MQTT-3.8.3-5)
        assertEquals(0x81, refusal(0x82, 7, 0, 1, 0, 0, 1, 'a', 0x40));
        // Subscription Identifier 0 -> Protocol Error
        assertEquals(0x82, refusal(0x30, 6, 0, 1, 't', 2, 0x0B, 0));
        // PUBLISH Response Topic "a/#", a wildcard -> Protocol Error (MQTT-3.3.2-14)
        assertEquals(0x82, refusal(0x30, 10, 0, 1, 't', 6, 0x08, 0, 3, 'a', '/', '#'));
        // PUBLISH Response Topic empty -> Protocol Error (MQTT-4.7.3-1)
        assertEquals(0x82, refusal(0x30, 7, 0, 1, 't', 3, 0x08, 0, 0));
        // Maximum QoS 2 in CONNACK -> Protocol Error (MQTT 5.0, 3.2.2.3.4)
        assertEquals(0x82, refusal(0x20, 5, 0, 0, 2, 0x24, 2));
        // AUTH with a reason of 0x87 -> Malformed
        assertEquals(0x81, refusal(0xF0, 1, 0x87));
        // PINGRESP with a body -> Malformed
        assertEquals(0x81, refusal(0xD0, 1, 0));
    }

    @Test
    void aPacketOverTheLimitIsRefusedBeforeItsBodyIsRead() throws IOException {
        // a PUBLISH announcing 200 MB: refused from its header, nothing allocated for it
        FrameReader r = new FrameReader(new ByteArrayInputStream(new byte[] {0x30, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, 0x60}), 1000, 16);
        MqttException e = assertThrows(MqttException.class, r::next);
        assertEquals(0x95, e.code());
    }
}

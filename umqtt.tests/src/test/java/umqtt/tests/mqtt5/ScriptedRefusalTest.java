package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.UserProperty;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;
import umqtt.tests.brokers.ScriptedServer;

/** Refusals and the client's own goodbyes: CONNACK failures, a packet over the client's limit, PUBREL unknown, DISCONNECT rules. */
class ScriptedRefusalTest {

    @Test
    void aRefusedConnectNamesReasonReasonStringAndServerReference() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).password("hunter2").user("u").build()) {
            CompletableFuture<Boolean> connected = Script5.async(() -> c.connect(true));
            Script5.accept(server, new Packet.Connack(false, 0x9D, new Properties()
                    .set(Property.REASON_STRING, "moved for good").set(Property.SERVER_REFERENCE, "mqtt.example:1883")
                    .addUser("region", "eu")));
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> Script5.result(connected));
            assertEquals(0x9D, e.code());
            assertEquals("moved for good", e.reasonString());
            assertEquals("mqtt.example:1883", e.serverReference());
            assertEquals(List.of(new UserProperty("region", "eu")), e.userProperties());
            assertTrue(e.getMessage().contains("Server moved") && !e.getMessage().contains("hunter2"), e.getMessage());
            assertFalse(c.toString().contains("hunter2"), c.toString());
            assertThrows(IllegalStateException.class, () -> c.publish("t".getBytes(), new byte[0], false, 0));
        }
    }

    @Test
    void aPacketOverTheClientsMaximumIsAnsweredWith0x95() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).maxPacketSize(100).build()) {
            c.setCallback((m, p) -> { });
            Script5 s = Script5.connect(server, c, new Properties());
            s.send(new Packet.Publish("t".getBytes(), 0, false, false, 0, new Properties(), new byte[200]));
            assertEquals(0x95, assertThrows(Mqtt5Exception.class, c::waitMsg).code());
            assertEquals(0x95, s.expect(Packet.Reason.class).reasonCode());
        }
    }

    @Test
    void aPubrelForAnUnknownIdIsAnsweredWithPacketIdentifierNotFound() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            Script5 s = Script5.connect(server, c, new Properties());
            s.send(new Packet.Ack(6, 42, 0, new Properties()));
            assertTrue(c.waitMsg(Script5.WAIT));
            Packet.Ack pubcomp = s.expect(Packet.Ack.class);
            assertEquals(7, pubcomp.type());
            assertEquals(0x92, pubcomp.reasonCode());
        }
    }

    @Test
    void disconnectSendsItsReasonAndPropertiesAndKeepsExpiryZeroSessionsAtZero() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            Script5 s = Script5.connect(server, c, new Properties());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> c.disconnect(0, 60, null, List.of()))
                    .getMessage().contains("3.14.2.2.2"));
            assertThrows(IllegalArgumentException.class, () -> c.disconnect(0x8B, -1, null, List.of()),
                    "Server shutting down is the server's to send");
            c.disconnect(0x04, -1, "bye", List.of(new UserProperty("k", "v")));
            Packet.Reason d = s.expect(Packet.Reason.class);
            assertEquals(0x04, d.reasonCode());
            assertEquals("bye", d.properties().string(Property.REASON_STRING));
            assertEquals(List.of(new UserProperty("k", "v")), d.properties().users());
            assertTrue(s.conn.isClosedByPeer(Duration.ofSeconds(2)));
        }
    }

    @Test
    void aQos2MessageThatFoundNoCallbackIsDeliveredWhenItComesAgain() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            Script5 s = Script5.connect(server, c, new Properties());
            s.send(new Packet.Publish("t".getBytes(), 2, false, false, 9, new Properties(), new byte[] {1}));
            assertThrows(IllegalStateException.class, c::waitMsg, "no callback set");
            java.util.List<Integer> got = new java.util.ArrayList<>();
            c.setCallback((m, p) -> got.add((int) m.payload()[0]));
            s.send(new Packet.Publish("t".getBytes(), 2, false, true, 9, new Properties(), new byte[] {1}));
            assertTrue(c.waitMsg(Script5.WAIT));
            assertEquals(List.of(1), got);
            assertEquals(5, s.expect(Packet.Ack.class).type(), "PUBREC once delivered");
        }
    }
}

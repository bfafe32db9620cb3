package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;
import umqtt.tests.brokers.ScriptedServer;

/** What no broker does on request: refusals in acknowledgements, server DISCONNECT, inbound limits and aliases. */
class ScriptedExchangeTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Properties reason(String text) {
        return new Properties().set(Property.REASON_STRING, text);
    }

    @Test
    void aRefusedPublishFailsWithTheReasonAndIsNotSentAgain() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            Script5 s = Script5.connect(server, c, new Properties());
            CompletableFuture<Integer> qos1 = Script5.async(() -> c.publish("t", new byte[1], false, 1,
                    PublishProperties.NONE));
            Packet.Publish p = s.expect(Packet.Publish.class);
            s.send(new Packet.Ack(4, p.id(), 0x87, reason("no write access")));
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> Script5.result(qos1));
            assertEquals(0x87, e.code());
            assertEquals("no write access", e.reasonString());
            assertTrue(e.getMessage().contains("Not authorized"), e.getMessage());
            assertEquals(0, c.inFlight());
            // QoS 2 refused in PUBREC (MQTT 5.0, 4.3.3): the exchange ends there, no PUBREL
            CompletableFuture<Integer> qos2 = Script5.async(() -> c.publish("t", new byte[1], false, 2,
                    PublishProperties.NONE));
            p = s.expect(Packet.Publish.class);
            s.send(new Packet.Ack(5, p.id(), 0x97, new Properties()));
            assertEquals(0x97, assertThrows(Mqtt5Exception.class, () -> Script5.result(qos2)).code());
            Script5.result(Script5.async(() -> {
                c.ping();
                return null;
            }));
            s.expect(Packet.Empty.class); // PINGREQ is next: no PUBREL was sent
            // send(): the refusal reaches the AckListener, the message is complete
            List<Exception> heard = new ArrayList<>();
            c.setAckListener((ticket, failure) -> heard.add(failure));
            Script5.result(Script5.async(() -> c.send(utf8("t"), new byte[1], false, 1)));
            p = s.expect(Packet.Publish.class);
            s.send(new Packet.Ack(4, p.id(), 0x99, reason("not UTF-8")));
            assertTrue(Script5.result(Script5.async(() -> c.flush(Script5.WAIT))));
            assertEquals(0x99, ((Mqtt5Exception) heard.get(0)).code());
        }
    }

    @Test
    void aServerDisconnectFailsTheCallWithItsReasonAndDropsTheLink() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            c.setCallback((m, p) -> { });
            Script5 s = Script5.connect(server, c, new Properties());
            s.send(new Packet.Reason(14, 0x9C, reason("maintenance").set(Property.SERVER_REFERENCE, "other:1883")));
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, c::waitMsg);
            assertEquals(0x9C, e.code());
            assertEquals("maintenance", e.reasonString());
            assertEquals("other:1883", e.serverReference());
            assertTrue(e.getMessage().contains("Use another server"), e.getMessage());
            IllegalStateException notConnected = assertThrows(IllegalStateException.class, () -> c.publish(utf8("t"),
                    new byte[0], false, 0));
            assertTrue(notConnected.getMessage().contains("Use another server"), notConnected.getMessage());
        }
    }

    @Test
    void aServerThatNeverReleasesItsQos2MessagesMayGoOnSendingThem() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).receiveMaximum(2).build()) {
            List<String> got = new ArrayList<>();
            c.setCallback((m, p) -> got.add(m.topicString()));
            Script5 s = Script5.connect(server, c, new Properties());
            // QoS 2, never released: each stays in flight for the standard (MQTT-3.3.4-9), but the client
            // answered each with PUBREC and holds only its id; Mosquitto 2.0 counts until PUBREC (Inbox).
            for (int id = 1; id <= 5; id++) {
                s.send(new Packet.Publish(utf8("q" + id), 2, false, false, id, new Properties(), new byte[0]));
            }
            for (int i = 0; i < 5; i++) {
                assertTrue(c.waitMsg(Script5.WAIT));
                assertEquals(5, s.expect(Packet.Ack.class).type());
            }
            assertEquals(List.of("q1", "q2", "q3", "q4", "q5"), got);
        }
    }

    @Test
    void messagesTheClientHasNotAnsweredAreCountedAgainstItsReceiveMaximum() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).receiveMaximum(2).build()) {
            List<String> got = new ArrayList<>();
            Script5 s = Script5.connect(server, c, new Properties());
            // The callback waits for its own PUBACK: what arrives meanwhile is held, not answered.
            c.setCallback((m, p) -> {
                got.add(m.topicString());
                if (got.size() == 1) {
                    try {
                        c.publish("own", new byte[0], false, 1);
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                }
            });
            for (int id = 1; id <= 3; id++) {
                s.send(new Packet.Publish(utf8("q" + id), 1, false, false, id, new Properties(), new byte[0]));
            }
            // The third arrives while the callback's publish waits, with q1 and q2 unanswered: over 2.
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, c::waitMsg);
            assertEquals(0x93, ((Mqtt5Exception) e.getCause()).code());
            assertEquals(List.of("q1"), got);
            s.expect(Packet.Publish.class); // the callback's own
            assertEquals(0x93, s.expect(Packet.Reason.class).reasonCode());
        }
    }

    @Test
    void messagesHeldForABusyCallbackAreBoundedByBytesToo() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).maxPacketSize(300).responseTimeout(Duration.ofSeconds(1))
                        .build()) {
            List<String> got = new ArrayList<>();
            Script5 s = Script5.connect(server, c, new Properties());
            c.setCallback((m, p) -> {
                got.add(m.topicString());
                if (got.size() == 1) {
                    try {
                        c.publish("own", new byte[0], false, 1); // its PUBACK never comes
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                }
            });
            s.send(new Packet.Publish(utf8("first"), 0, false, false, 0, new Properties(), new byte[0]));
            for (int i = 0; i < 3; i++) { // 200 bytes each: the second one held fills the 300 bytes
                s.send(new Packet.Publish(utf8("big" + i), 0, false, false, 0, new Properties(), new byte[200]));
            }
            // The client stops reading (the server meets TCP back-pressure) instead of holding on; the
            // callback's wait then ends at its response timeout, which says why. Held by count only
            // (1000), the client would have read on and said nothing of it.
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, c::waitMsg);
            assertTrue(e.getCause().getMessage().contains("the client stopped reading: 1000 messages or 300 bytes"),
                    e.getCause().getMessage());
            assertEquals(List.of("first"), got);
        }
    }

    @Test
    void inboundTopicAliasesAreMappedAndCheckedAgainstTheClientsMaximum() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).topicAliasMaximum(3).build()) {
            List<String> got = new ArrayList<>();
            c.setCallback((m, p) -> got.add(m.topicString() + (p == PublishProperties.NONE ? "" : " " + p)));
            Script5 s = Script5.connect(server, c, new Properties());
            s.send(new Packet.Publish(utf8("a/b"), 0, false, false, 0, new Properties().set(Property.TOPIC_ALIAS, 3),
                    utf8("1")));
            s.send(new Packet.Publish(new byte[0], 0, false, false, 0, new Properties().set(Property.TOPIC_ALIAS, 3),
                    utf8("2")));
            assertTrue(c.waitMsg(Script5.WAIT));
            assertTrue(c.waitMsg(Script5.WAIT));
            assertEquals(List.of("a/b", "a/b"), got, "the alias alone stands for the topic, and is not a property");
            s.send(new Packet.Publish(utf8("x"), 0, false, false, 0, new Properties().set(Property.TOPIC_ALIAS, 4),
                    utf8("3")));
            assertEquals(0x94, assertThrows(Mqtt5Exception.class, c::waitMsg).code());
            assertEquals(0x94, s.expect(Packet.Reason.class).reasonCode());
        }
    }

    @Test
    void anEmptyTopicWithAnUnknownAliasIsAProtocolError() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            c.setCallback((m, p) -> { });
            Script5 s = Script5.connect(server, c, new Properties());
            s.send(new Packet.Publish(new byte[0], 0, false, false, 0, new Properties().set(Property.TOPIC_ALIAS, 2),
                    utf8("1")));
            assertEquals(0x82, assertThrows(Mqtt5Exception.class, c::waitMsg).code());
            assertEquals(0x82, s.expect(Packet.Reason.class).reasonCode());
        }
    }

    @Test
    void aMalformedPacketIsAnsweredWithDisconnect0x81() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            c.setCallback((m, p) -> { });
            Script5 s = Script5.connect(server, c, new Properties());
            s.conn.sendHex("30 05 00 02 C0 80 00"); // PUBLISH whose topic is an overlong NUL (MQTT-1.5.4-1)
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, c::waitMsg);
            assertEquals(0x81, e.code());
            assertEquals(0x81, s.expect(Packet.Reason.class).reasonCode());
            assertThrows(IllegalStateException.class, c::checkMsg, "the link was dropped");
        }
    }
}

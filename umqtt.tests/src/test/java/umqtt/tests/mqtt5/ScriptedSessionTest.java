package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.mqtt5.Authenticator;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.Subscription;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;
import umqtt.tests.brokers.ScriptedServer;

/** Outbound aliases, the CONNACK's limits, session resume and enhanced authentication, against a scripted server. */
class ScriptedSessionTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String topicOf(Packet.Publish p) {
        return new String(p.topic(), StandardCharsets.UTF_8) + "@" + p.properties().number(Property.TOPIC_ALIAS, 0);
    }

    @Test
    void outboundAliasesStayWithinTheServersMaximumAndTheLeastRecentlyUsedIsTakenOver() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            Script5 s = Script5.connect(server, c, new Properties().set(Property.TOPIC_ALIAS_MAXIMUM, 2));
            for (String t : List.of("t1", "t1", "t2", "t1", "t3", "t1")) {
                c.publish(utf8(t), new byte[0], false, 0);
            }
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                seen.append(topicOf(s.expect(Packet.Publish.class))).append(' ');
            }
            assertEquals("t1@1 @1 t2@2 @1 t3@2 @1 ", seen.toString());
        }
    }

    @Test
    void noAliasWhenTheServerAllowsNone() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            Script5 s = Script5.connect(server, c, new Properties());
            c.publish(utf8("t"), new byte[0], false, 0);
            c.publish(utf8("t"), new byte[0], false, 0);
            assertEquals("t@0", topicOf(s.expect(Packet.Publish.class)));
            assertEquals("t@0", topicOf(s.expect(Packet.Publish.class)));
        }
    }

    @Test
    void theServersMaximumPacketSizeCountsTheTopicAliasTheClientAdds() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            Script5 s = Script5.connect(server, c, new Properties().set(Property.MAXIMUM_PACKET_SIZE, 100)
                    .set(Property.TOPIC_ALIAS_MAXIMUM, 5));
            // 100 bytes without a Topic Alias, 103 with the alias the client gives a new topic: too large
            assertTrue(assertThrows(IllegalArgumentException.class, () -> c.publish(utf8("t"), new byte[94], false, 0))
                    .getMessage().contains("Maximum Packet Size of 100"));
            c.publish(utf8("t"), new byte[91], false, 0); // 100 bytes with its alias
            Packet.Publish p = s.expect(Packet.Publish.class);
            assertEquals(91, p.payload().length, "nothing too large was sent before it");
            assertEquals(1, p.properties().number(Property.TOPIC_ALIAS, -1));
        }
    }

    @Test
    void theConnacksLimitsAreCheckedBeforeAnythingIsSent() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            c.setCallback((m, p) -> { });
            Script5 s = Script5.connect(server, c, new Properties().set(Property.MAXIMUM_QOS, 0)
                    .set(Property.RETAIN_AVAILABLE, 0).set(Property.MAXIMUM_PACKET_SIZE, 64)
                    .set(Property.WILDCARD_SUBSCRIPTION_AVAILABLE, 0).set(Property.SHARED_SUBSCRIPTION_AVAILABLE, 0)
                    .set(Property.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> c.publish(utf8("t"), new byte[0], false, 1))
                    .getMessage().contains("MQTT-3.2.2-11"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> c.publish(utf8("t"), new byte[0], true, 0))
                    .getMessage().contains("MQTT-3.2.2-14"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> c.publish(utf8("t"), new byte[60], false, 0))
                    .getMessage().contains("Maximum Packet Size"));
            assertThrows(IllegalArgumentException.class, () -> c.subscribe(Subscription.of("a/#", 0)));
            assertThrows(IllegalArgumentException.class, () -> c.subscribe(Subscription.of("$share/g/a", 0)));
            assertThrows(IllegalArgumentException.class, () -> c.subscribe(List.of(Subscription.of("a", 0)), 5,
                    List.of()));
            c.publish(utf8("t"), new byte[50], false, 0); // 57 bytes: within the limit
            Packet.Publish p = s.expect(Packet.Publish.class);
            assertEquals(50, p.payload().length, "nothing refused was sent before it");
        }
    }

    @Test
    void theAssignedClientIdentifierIsKeptForLaterConnects() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Mqtt5Client.builder().server(server.uri().toString()).responseTimeout(Script5.WAIT)
                        .build()) {
            Script5.connect(server, c, new Properties().set(Property.ASSIGNED_CLIENT_IDENTIFIER, "auto-7"));
            assertEquals("auto-7", c.connack().assignedClientIdentifier());
            c.disconnect();
            CompletableFuture<Boolean> again = Script5.async(() -> c.connect(false));
            Script5 s = Script5.acceptOnly(server);
            Packet.Connect connect = s.expect(Packet.Connect.class);
            assertEquals("auto-7", new String(connect.clientId(), StandardCharsets.UTF_8));
            assertFalse(connect.cleanStart());
            assertEquals(0xFFFF_FFFFL, connect.properties().number(Property.SESSION_EXPIRY_INTERVAL, 0),
                    "connect(false) keeps 3.1.1's meaning: the session never expires");
            s.send(new Packet.Connack(true, 0, new Properties()));
            assertTrue(Script5.result(again));
        }
    }

    @Test
    void connectFalseResendsWithDupAndTheFullTopicThenPubrelForTheReceived() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            Script5 s = Script5.connect(server, c, new Properties().set(Property.TOPIC_ALIAS_MAXIMUM, 5));
            c.publish(utf8("a/b"), new byte[0], false, 0); // gives a/b an alias
            s.expect(Packet.Publish.class);
            c.send(utf8("a/b"), utf8("one"), false, 1);
            c.send(utf8("a/b"), utf8("two"), false, 2);
            Packet.Publish one = s.expect(Packet.Publish.class);
            Packet.Publish two = s.expect(Packet.Publish.class);
            assertEquals("@1", topicOf(one));
            s.send(new Packet.Ack(5, two.id(), 0, new Properties())); // PUBREC
            CompletableFuture<Boolean> flushed = Script5.async(() -> c.flush(Script5.WAIT));
            s.expect(Packet.Ack.class); // PUBREL
            s.conn.close();
            assertThrows(IOException.class, () -> Script5.result(flushed));
            CompletableFuture<Boolean> again = Script5.async(() -> c.connect(false));
            Script5 s2 = Script5.acceptOnly(server);
            s2.expect(Packet.Connect.class);
            s2.send(new Packet.Connack(true, 0, new Properties()));
            Packet.Publish resent = s2.expect(Packet.Publish.class);
            assertTrue(resent.dup());
            assertEquals("a/b@0", topicOf(resent), "aliases died with the old link (MQTT-3.3.2-7)");
            assertArrayEquals(utf8("one"), resent.payload());
            Packet.Ack pubrel = s2.expect(Packet.Ack.class);
            assertEquals(6, pubrel.type());
            s2.send(new Packet.Ack(4, resent.id(), 0, new Properties()));
            s2.send(new Packet.Ack(7, pubrel.id(), 0, new Properties()));
            assertTrue(Script5.result(again));
            assertEquals(0, c.inFlight());
        }
    }

    /** An authenticator that answers each challenge with the challenge reversed. */
    static final class Mirror implements Authenticator {
        boolean succeeded;
        final boolean refuse;

        Mirror(boolean refuse) {
            this.refuse = refuse;
        }

        @Override
        public String method() {
            return "MIRROR";
        }

        @Override
        public byte[] initialData() {
            return utf8("hi");
        }

        @Override
        public byte[] challenge(byte[] serverData) throws MqttException {
            if (refuse) {
                throw new MqttException(0x87, "the server is not who it says");
            }
            return new StringBuilder(new String(serverData, StandardCharsets.UTF_8)).reverse().toString()
                    .getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void success(byte[] serverData) {
            succeeded = true;
        }
    }

    static Properties auth(String data) {
        return new Properties().set(Property.AUTHENTICATION_METHOD, "MIRROR").set(Property.AUTHENTICATION_DATA, utf8(data));
    }

    @Test
    void enhancedAuthenticationExchangesAuthUntilConnackAndReauthenticates() throws Throwable {
        Mirror mirror = new Mirror(false);
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).authenticator(mirror).build()) {
            CompletableFuture<Boolean> connected = Script5.async(() -> c.connect(true));
            Script5 s = Script5.acceptOnly(server);
            Packet.Connect connect = s.expect(Packet.Connect.class);
            assertEquals("MIRROR", connect.properties().string(Property.AUTHENTICATION_METHOD));
            assertArrayEquals(utf8("hi"), connect.properties().binary(Property.AUTHENTICATION_DATA));
            s.send(new Packet.Reason(15, 0x18, auth("abc")));
            Packet.Reason answer = s.expect(Packet.Reason.class);
            assertEquals(0x18, answer.reasonCode());
            assertArrayEquals(utf8("cba"), answer.properties().binary(Property.AUTHENTICATION_DATA));
            s.send(new Packet.Connack(false, 0, auth("ok")));
            Script5.result(connected);
            assertTrue(mirror.succeeded);
            mirror.succeeded = false;
            CompletableFuture<Object> re = Script5.async(() -> {
                c.reauthenticate();
                return null;
            });
            assertEquals(0x19, s.expect(Packet.Reason.class).reasonCode());
            s.send(new Packet.Reason(15, 0x00, auth("fine")));
            Script5.result(re);
            assertTrue(mirror.succeeded);
        }
    }

    @Test
    void aFailingAuthenticatorDisconnectsWithACodeAClientMaySendAndThrowsItsOwn() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).authenticator(new Mirror(true)).build()) {
            CompletableFuture<Boolean> connected = Script5.async(() -> c.connect(true));
            Script5 s = Script5.acceptOnly(server);
            s.expect(Packet.Connect.class);
            s.send(new Packet.Reason(15, 0x18, auth("abc")));
            assertEquals(0x80, s.expect(Packet.Reason.class).reasonCode(), "0x87 is the server's (MQTT-3.14.2-1, Table 3-10)");
            assertEquals(0x87, assertThrows(MqttException.class, () -> Script5.result(connected)).code());
        }
    }
}

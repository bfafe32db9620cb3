package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.core.Scripted.async;
import static umqtt.tests.core.Scripted.result;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.RawPacket;
import umqtt.tests.brokers.ScriptedServer;

/**
 * MQTT 3.1.1 §4.4: after a link failure, connect(false) completes the unacknowledged publishes —
 * re-sent with DUP=1 (and PUBREL re-sent) when the broker kept the session, published afresh when
 * it did not. Scripted, because the exact bytes on the wire are the point.
 */
class SessionResumeTest {

    @Test
    void unacknowledgedQos1IsResentWithDupWhenTheSessionSurvived() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection first = Scripted.connect(server, client);
            CompletableFuture<Void> publish = async(() -> {
                client.publish("t/1", "payload".getBytes(), false, 1);
                return null;
            });
            RawPacket sent = first.read(Scripted.WAIT);
            assertEquals(0x32, sent.header(), "PUBLISH, QoS 1, DUP 0: " + sent);
            first.close(); // the link dies before the PUBACK
            assertThrows(IOException.class, () -> result(publish));

            CompletableFuture<Boolean> reconnect = async(() -> client.connect(false));
            ScriptedServer.Connection second = server.accept(Scripted.WAIT);
            RawPacket connect = second.read(Scripted.WAIT);
            assertEquals(0, connect.body()[7] & 0x02, "CONNECT without clean session");
            second.sendHex("20 02 01 00"); // CONNACK: session present, accepted
            RawPacket resent = second.read(Scripted.WAIT);
            assertEquals(0x3A, resent.header(), "PUBLISH, QoS 1, DUP 1: " + resent);
            assertEquals(Scripted.publishId(sent), Scripted.publishId(resent), "same packet id");
            assertArrayEquals(sent.body(), resent.body(), "same topic, id and payload");
            second.sendHex("40 02 " + Scripted.id(Scripted.publishId(resent))); // PUBACK
            assertTrue(result(reconnect), "session present");
        }
    }

    @Test
    void unacknowledgedQos1IsPublishedAfreshWhenTheBrokerLostTheSession() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection first = Scripted.connect(server, client);
            byte[] payload = "reuse me".getBytes();
            CompletableFuture<Void> publish = async(() -> {
                client.publish("t/2".getBytes(), payload, false, 1);
                return null;
            });
            RawPacket sent = first.read(Scripted.WAIT);
            first.close();
            assertThrows(IOException.class, () -> result(publish));
            payload[0] = 'X'; // the caller may reuse its array once publish has thrown

            CompletableFuture<Boolean> reconnect = async(() -> client.connect(false));
            ScriptedServer.Connection second = Scripted.accept(server, "20 02 00 00"); // no session
            RawPacket again = second.read(Scripted.WAIT);
            assertEquals(0x32, again.header(), "a fresh PUBLISH, DUP 0: " + again);
            assertArrayEquals(sent.body(), again.body(), "the original bytes, not the caller's reused array");
            second.sendHex("40 02 " + Scripted.id(Scripted.publishId(again)));
            assertFalse(result(reconnect));
        }
    }

    @Test
    void qos2AfterPubrecResendsPubrelWhenTheSessionSurvived() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection first = Scripted.connect(server, client);
            CompletableFuture<Void> publish = async(() -> {
                client.publish("t/3", "exactly once".getBytes(), false, 2);
                return null;
            });
            RawPacket sent = first.read(Scripted.WAIT);
            assertEquals(0x34, sent.header(), "PUBLISH, QoS 2");
            String id = Scripted.id(Scripted.publishId(sent));
            first.sendHex("50 02 " + id); // PUBREC
            assertEquals("62 02 " + id, first.read(Scripted.WAIT).toString(), "PUBREL");
            first.close(); // lost before PUBCOMP
            assertThrows(IOException.class, () -> result(publish));

            CompletableFuture<Boolean> reconnect = async(() -> client.connect(false));
            ScriptedServer.Connection second = Scripted.accept(server, "20 02 01 00"); // session present
            assertEquals("62 02 " + id, second.read(Scripted.WAIT).toString(), "PUBREL again, not the PUBLISH");
            second.sendHex("70 02 " + id); // PUBCOMP
            assertTrue(result(reconnect));
        }
    }

    @Test
    void aCleanSessionForgetsUnacknowledgedMessages() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection first = Scripted.connect(server, client);
            CompletableFuture<Void> publish = async(() -> {
                client.publish("t/4", "x".getBytes(), false, 1);
                return null;
            });
            first.read(Scripted.WAIT);
            first.close();
            assertThrows(IOException.class, () -> result(publish));

            ScriptedServer.Connection second = Scripted.connect(server, client); // connect() = clean session
            client.ping();
            assertEquals("C0 00", second.read(Scripted.WAIT).toString(), "PINGREQ next: nothing re-sent");
        }
    }
}

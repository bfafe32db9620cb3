package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;
import umqtt.tests.brokers.ScriptedServer;

/** The server's Receive Maximum as the send window, its Server Keep Alive, and the session expiry the client asks for. */
class ScriptedLimitsTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theServersReceiveMaximumCapsTheWindow() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).maxInFlight(10).build()) {
            Script5 s = Script5.connect(server, c, new Properties().set(Property.RECEIVE_MAXIMUM, 2));
            CompletableFuture<Long> sends = Script5.async(() -> {
                for (int i = 0; i < 2; i++) {
                    c.send(utf8("t"), new byte[] {(byte) i}, false, 1);
                }
                return c.send(utf8("t"), new byte[] {2}, false, 1); // waits for a slot first (MQTT-3.3.4-7)
            });
            Packet.Publish first = s.expect(Packet.Publish.class);
            Packet.Publish second = s.expect(Packet.Publish.class);
            assertThrows(AssertionError.class, () -> s.conn.read(Duration.ofMillis(300)), "no third PUBLISH before a PUBACK");
            s.send(new Packet.Ack(4, first.id(), 0, new Properties()));
            Packet.Publish third = s.expect(Packet.Publish.class);
            assertEquals(2, third.payload()[0]);
            s.send(new Packet.Ack(4, second.id(), 0, new Properties())); // the third send filled the window again
            assertEquals(3L, Script5.result(sends));
            assertEquals(1, c.inFlight());
        }
    }

    @Test
    void theServersKeepAliveReplacesTheClients() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).keepAlive(Duration.ofSeconds(60)).build()) {
            c.setCallback((m, p) -> { });
            CompletableFuture<Boolean> connected = Script5.async(() -> c.connect(true));
            Script5 s = Script5.acceptOnly(server);
            Packet.Connect connect = s.expect(Packet.Connect.class);
            assertEquals(60, connect.keepAlive());
            assertEquals(0, connect.properties().number(Property.SESSION_EXPIRY_INTERVAL, 0),
                    "connect(true) keeps 3.1.1's meaning: the session ends with the link");
            s.send(new Packet.Connack(false, 0, new Properties().set(Property.SERVER_KEEP_ALIVE, 1)));
            assertFalse(Script5.result(connected));
            long start = System.nanoTime();
            CompletableFuture<Boolean> waiting = Script5.async(() -> c.waitMsg(Duration.ofSeconds(3)));
            assertEquals(12, s.read().type(), "PINGREQ after 3/4 of the server's 1 s keepalive");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 600 && ms < 2_000, ms + " ms");
            s.send(new Packet.Empty(13));
            assertTrue(Script5.result(waiting));
        }
    }
}

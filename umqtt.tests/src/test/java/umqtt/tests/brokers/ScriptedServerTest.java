package umqtt.tests.brokers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The scripted server reads whole packets, sends raw bytes and notices a closing client. */
class ScriptedServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(100);

    @Test
    void readsAConnectAndAnswersWithRawBytes() throws Exception {
        try (ScriptedServer server = ScriptedServer.start();
                Socket client = RawSockets.plain(server.uri())) {
            assertEquals("mqtt://127.0.0.1:" + server.port(), server.uri().toString());
            ScriptedServer.Connection connection = server.accept(WAIT);

            MqttBytes.send(client, MqttBytes.CONNECT);
            RawPacket connect = connection.read(WAIT);
            assertEquals(1, connect.type());
            assertEquals(0, connect.flags());
            assertEquals(19, connect.body().length);
            assertEquals(MqttBytes.CONNECT, connect.toString());

            connection.sendHex("20 02 00 00");
            assertEquals(MqttBytes.CONNACK_ACCEPTED, RawPacket.readFrom(client.getInputStream()).toString());
        }
    }

    @Test
    void framesLongPacketsAndPacketsSplitAcrossWrites() throws Exception {
        byte[] body = new byte[20_000]; // remaining length needs 3 bytes
        body[19_999] = 7;
        RawPacket publish = new RawPacket(0x30, body);
        byte[] wire = publish.toBytes();
        assertEquals("30 A0 9C 01", HexFormat.ofDelimiter(" ").withUpperCase().formatHex(wire, 0, 4));
        try (ScriptedServer server = ScriptedServer.start();
                Socket client = RawSockets.plain(server.uri())) {
            ScriptedServer.Connection connection = server.accept(WAIT);
            client.getOutputStream().write(wire, 0, 2);
            client.getOutputStream().flush();
            client.getOutputStream().write(wire, 2, wire.length - 2);
            RawPacket read = connection.read(WAIT);
            assertEquals(publish, read);
            assertArrayEquals(body, read.body());
        }
    }

    @Test
    void aRemainingLengthOfFiveBytesIsRefused() {
        byte[] bad = HexFormat.of().parseHex("30ffffffff7f");
        IOException e = assertThrows(IOException.class, () -> RawPacket.readFrom(new ByteArrayInputStream(bad)));
        assertTrue(e.getMessage().contains("longer than 4 bytes"), e.getMessage());
        assertThrows(EOFException.class, () -> RawPacket.readFrom(new ByteArrayInputStream(new byte[] {0x30, 5, 1})));
    }

    @Test
    void timeoutsFailTheScriptWithAClearMessage() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            AssertionError noClient = assertThrows(AssertionError.class, () -> server.accept(SHORT));
            assertTrue(noClient.getMessage().contains("no client connected"), noClient.getMessage());
            try (Socket client = RawSockets.plain(server.uri())) {
                ScriptedServer.Connection connection = server.accept(WAIT);
                AssertionError noPacket = assertThrows(AssertionError.class, () -> connection.read(SHORT));
                assertTrue(noPacket.getMessage().contains("no whole packet"), noPacket.getMessage());
            }
        }
    }

    @Test
    void noticesWhenTheClientCloses() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            Socket client = RawSockets.plain(server.uri());
            ScriptedServer.Connection connection = server.accept(WAIT);
            assertFalse(connection.isClosedByPeer(SHORT));
            MqttBytes.send(client, "E0 00"); // DISCONNECT, discarded while waiting
            client.close();
            assertTrue(connection.isClosedByPeer(WAIT));
        }
    }

    @Test
    void tlsServerRecordsTheOfferedAlpnProtocolsAndTheSniName() throws Exception {
        try (ScriptedServer server = ScriptedServer.startTls()) {
            assertEquals("mqtts://127.0.0.1:" + server.port(), server.uri().toString());
            URI byName = URI.create("mqtts://localhost:" + server.port());
            CompletableFuture<String> clientSaw = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket client = RawSockets.tls(byName, JsseContexts.clientTrustingTestCa(),
                        "x-amzn-mqtt-ca", "mqtt")) {
                    MqttBytes.send(client, MqttBytes.CONNECT);
                    return RawPacket.readFrom(client.getInputStream()).toString();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ScriptedServer.Connection connection = server.accept(WAIT);
            assertEquals(List.of("x-amzn-mqtt-ca", "mqtt"), connection.alpnOffered());
            assertEquals(Optional.of("localhost"), connection.sniHostName());
            assertEquals(MqttBytes.CONNECT, connection.read(WAIT).toString());
            connection.sendHex(MqttBytes.CONNACK_ACCEPTED);
            // The JDK's TLS 1.3 client waits for the server's close_notify when it closes.
            connection.close();
            assertEquals(MqttBytes.CONNACK_ACCEPTED, clientSaw.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void closingTheServerDropsItsConnections() throws Exception {
        ScriptedServer server = ScriptedServer.start();
        try (Socket client = RawSockets.plain(server.uri())) {
            server.accept(WAIT);
            server.close();
            assertEquals(-1, client.getInputStream().read());
            assertThrows(IOException.class, () -> RawSockets.plain(server.uri()).close());
        }
    }
}

package umqtt.tests.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.JsseContexts;
import umqtt.tests.brokers.TestPki;
import umqtt.tests.websocket.ScriptedWebSocketServer.ClientFrame;
import umqtt.tests.websocket.ScriptedWebSocketServer.Connection;
import umqtt.transport.websocket.WebSocketTransportProvider;
import umqtt.transport.websocket.frame.Opcode;

/**
 * A server's WebSocket ping is answered even by a client that only publishes at QoS 0 and so never
 * reads (servers and proxies drop connections whose pings go unanswered): each frame the client
 * sends is followed by the pongs for the pings that have arrived meanwhile, over TCP and over TLS.
 * No broker pings on request, so a scripted server sends the ping.
 */
class WebSocketPingWhilePublishingTest {

    // CONNACK, session present 0, accepted: 20 02 00 00
    private static final byte[] CONNACK = {0x20, 0x02, 0x00, 0x00};
    // PUBLISH qos 0, topic "t", payload "hello": 30 08 00 01 74 68 65 6c 6c 6f
    private static final byte[] PUBLISH = {0x30, 0x08, 0x00, 0x01, 't', 'h', 'e', 'l', 'l', 'o'};
    private static final byte[] PING = "are you there".getBytes(StandardCharsets.US_ASCII);
    /** The client looks for pings every 10 ms while it sends; this leaves it no excuse. */
    private static final int SECONDS = 5;
    private static final TlsOptions TRUSTING_TEST_CA = TlsOptions.builder().trustPem(TestPki.get().caCert()).build();

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTransportThatOnlyWritesAnswersThePing(boolean overTls) throws Exception {
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(ScriptedWebSocketServer.ACCEPT_MQTT,
                     overTls ? JsseContexts.server() : null);
             Transport t = new WebSocketTransportProvider().open(URI.create(server.uri("/mqtt")),
                     new TransportOptions(Duration.ofSeconds(5), TRUSTING_TEST_CA, Map.of()))) {
            Connection peer = server.connection();
            peer.send(true, Opcode.PING, PING);
            awaitPong(peer, () -> {
                t.output().write(PUBLISH);
                t.output().flush();
            });
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSimpleClientThatOnlyPublishesAtQos0AnswersThePing(boolean overTls) throws Exception {
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(ScriptedWebSocketServer.ACCEPT_MQTT,
                     overTls ? JsseContexts.server() : null);
             SimpleClient client = SimpleClient.builder().clientId("pinged").server(server.uri("/mqtt"))
                     .tls(TRUSTING_TEST_CA).keepAlive(Duration.ZERO).build()) {
            Thread connecting = new Thread(() -> {
                try {
                    Connection peer = server.connection();
                    assertEquals(Opcode.BINARY, peer.read().opcode(), "CONNECT");
                    peer.send(true, Opcode.BINARY, CONNACK);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            connecting.start();
            client.connect(true);
            connecting.join();
            Connection peer = server.connection();
            peer.send(true, Opcode.PING, PING);
            awaitPong(peer, () -> client.publish("t", "hello".getBytes(StandardCharsets.US_ASCII), false, 0));
        }
    }

    private interface Send {
        void run() throws IOException;
    }

    /** Sends frames one by one until the pong comes back, reading what the client sends in between. */
    private static void awaitPong(Connection peer, Send send) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (System.nanoTime() < deadline) {
            send.run();
            ClientFrame f = peer.read();
            if (f.opcode() == Opcode.PONG) {
                assertArrayEquals(PING, f.payload(), "the pong echoes the ping's payload");
                return;
            }
            assertEquals(Opcode.BINARY, f.opcode());
            assertArrayEquals(PUBLISH, f.payload());
        }
        fail("no pong within " + SECONDS + " s of frames sent by a client that never reads");
    }
}

package umqtt.tests.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.Transports;
import umqtt.transport.websocket.WebSocketTransportProvider;
import umqtt.transport.websocket.frame.Opcode;
import umqtt.transport.websocket.http.UpgradeRequest;

/** The opening handshake against a scripted server: what we send, and every way a server can refuse. */
class WebSocketHandshakeTest {

    private static final WebSocketTransportProvider PROVIDER = new WebSocketTransportProvider();

    private static TransportOptions options(Map<String, String> headers) {
        return new TransportOptions(Duration.ofSeconds(5), TlsOptions.builder().build(), headers);
    }

    @Test
    void theRfc6455ExampleKeyGivesTheRfcAccept() {
        // RFC 6455 section 1.3.
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", UpgradeRequest.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void requestCarriesTheHandshakeHeadersTheMqttSubprotocolAndTheUsersHeaders() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer t0ken");
        headers.put("X-Amz-Custom", "yes");
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(ScriptedWebSocketServer.ACCEPT_MQTT);
                Transport t = PROVIDER.open(URI.create(server.uri("/mqtt?x=1&y=%20")), options(headers))) {
            String request = server.connection().request();
            assertTrue(request.startsWith("GET /mqtt?x=1&y=%20 HTTP/1.1\r\n"), request);
            assertEquals("127.0.0.1:" + server.port(), ScriptedWebSocketServer.header(request, "Host"));
            assertEquals("websocket", ScriptedWebSocketServer.header(request, "Upgrade"));
            assertEquals("Upgrade", ScriptedWebSocketServer.header(request, "Connection"));
            assertEquals("13", ScriptedWebSocketServer.header(request, "Sec-WebSocket-Version"));
            assertEquals("mqtt", ScriptedWebSocketServer.header(request, "Sec-WebSocket-Protocol"));
            assertEquals(16, Base64.getDecoder().decode(ScriptedWebSocketServer.header(request, "Sec-WebSocket-Key")).length);
            assertEquals("Bearer t0ken", ScriptedWebSocketServer.header(request, "Authorization"));
            assertEquals("yes", ScriptedWebSocketServer.header(request, "X-Amz-Custom"));
            assertTrue(request.endsWith("\r\n\r\n"));
        }
    }

    @Test
    void emptyPathIsSlashAndTheDefaultPortIsLeftOutOfHost() throws Exception {
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(ScriptedWebSocketServer.ACCEPT_MQTT);
                Transport t = PROVIDER.open(URI.create(server.uri("")), options(Map.of("Host", "broker.example")))) {
            String request = server.connection().request();
            assertTrue(request.startsWith("GET / HTTP/1.1\r\n"), request);
            assertEquals("broker.example", ScriptedWebSocketServer.header(request, "Host"), "a user Host header replaces ours");
        }
        assertEquals(80, PROVIDER.defaultPort("ws"));
        assertEquals(443, PROVIDER.defaultPort("wss"));
    }

    @Test
    void aUriWithoutPortConnectsToPort80() {
        IOException e = assertThrows(IOException.class, () -> PROVIDER.open(URI.create("ws://127.0.0.1/mqtt"),
                options(Map.of()).withConnectTimeout(Duration.ofSeconds(2))));
        org.junit.jupiter.api.Assumptions.assumeTrue(e instanceof java.net.ConnectException,
                () -> "something listens on port 80 here: " + e);
        assertTrue(e.getMessage().contains("127.0.0.1:80"), e.getMessage());
    }

    @Test
    void everyConnectionSendsAFreshKey() throws Exception {
        String first;
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(ScriptedWebSocketServer.ACCEPT_MQTT);
                Transport t = PROVIDER.open(URI.create(server.uri("/")), options(Map.of()))) {
            first = ScriptedWebSocketServer.header(server.connection().request(), "Sec-WebSocket-Key");
        }
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(ScriptedWebSocketServer.ACCEPT_MQTT);
                Transport t = PROVIDER.open(URI.create(server.uri("/")), options(Map.of()))) {
            assertNotEquals(first, ScriptedWebSocketServer.header(server.connection().request(), "Sec-WebSocket-Key"));
        }
    }

    @Test
    void unauthorizedIsReportedWithItsStatusLineAndTheEndpointButNotTheQuery() throws Exception {
        IOException e = refusedWith(r -> "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n", "/mqtt?token=s3cret");
        assertTrue(e.getMessage().startsWith("WebSocket upgrade to ws://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("/mqtt refused: HTTP/1.1 401 Unauthorized"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), "the query may hold a secret: " + e.getMessage());
    }

    @Test
    void notFoundHintsAtThePath() throws Exception {
        IOException e = refusedWith(r -> "HTTP/1.1 404 Not Found\r\n\r\n", "/nope");
        assertTrue(e.getMessage().contains("HTTP/1.1 404 Not Found") && e.getMessage().contains("path"), e.getMessage());
    }

    @Test
    void wrongAcceptIsRefused() throws Exception {
        IOException e = refusedWith(r -> ScriptedWebSocketServer.switchingProtocols(r, "mqtt")
                .replaceFirst("Sec-WebSocket-Accept: [^\r]*", "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA="), "/");
        assertTrue(e.getMessage().contains("Sec-WebSocket-Accept is 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='"), e.getMessage());
    }

    @Test
    void missingAcceptIsRefused() throws Exception {
        IOException e = refusedWith(r -> ScriptedWebSocketServer.switchingProtocols(r, "mqtt")
                .replaceFirst("Sec-WebSocket-Accept: [^\r]*\r\n", ""), "/");
        assertTrue(e.getMessage().contains("no Sec-WebSocket-Accept"), e.getMessage());
    }

    @Test
    void missingSubprotocolIsRefused() throws Exception {
        IOException e = refusedWith(r -> ScriptedWebSocketServer.switchingProtocols(r, null), "/");
        assertTrue(e.getMessage().contains("chose no subprotocol"), e.getMessage());
    }

    @Test
    void subprotocolWeDidNotOfferIsRefused() throws Exception {
        IOException e = refusedWith(r -> ScriptedWebSocketServer.switchingProtocols(r, "mqttv3.1"), "/");
        assertTrue(e.getMessage().contains("'mqttv3.1' but we offered only [mqtt]"), e.getMessage());
    }

    @Test
    void mqttv31IsAcceptedWhenTheUserAskedForIt() throws Exception {
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(
                r -> ScriptedWebSocketServer.switchingProtocols(r, "mqttv3.1"));
                Transport t = PROVIDER.open(URI.create(server.uri("/")),
                        options(Map.of("Sec-WebSocket-Protocol", "mqtt, mqttv3.1")))) {
            assertEquals("mqtt, mqttv3.1",
                    ScriptedWebSocketServer.header(server.connection().request(), "Sec-WebSocket-Protocol"));
        }
    }

    @Test
    void anExtensionWeDidNotOfferIsRefused() throws Exception {
        IOException e = refusedWith(r -> ScriptedWebSocketServer.switchingProtocols(r, "mqtt")
                .replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"), "/");
        assertTrue(e.getMessage().contains("permessage-deflate"), e.getMessage());
    }

    @Test
    void aServerThatDoesNotSpeakHttpIsNamedAsSuch() throws Exception {
        // What a plain MQTT port would do with bytes it does not understand, more or less.
        IOException e = refusedWith(r -> "\u0020\u0002\u0000\u0005garbage", "/");
        assertTrue(e.getMessage().contains("did not answer the WebSocket upgrade in HTTP/1.1"), e.getMessage());
    }

    @Test
    void aServerThatClosesDuringTheUpgradeIsReported() throws Exception {
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(r -> "HTTP/1.1 101 Swi")) {
            Thread closer = new Thread(() -> {
                try {
                    server.connection().closeQuietly();
                } catch (Exception e) {
                    // The open below reports what happened.
                }
            });
            closer.start();
            IOException e = assertThrows(IOException.class,
                    () -> PROVIDER.open(URI.create(server.uri("/")), options(Map.of())));
            assertTrue(e.getMessage().contains("closed the connection during the WebSocket upgrade"), e.getMessage());
            closer.join();
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheConnectTimeout() throws Exception {
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(r -> null)) {
            long start = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> PROVIDER.open(
                    URI.create(server.uri("/")), options(Map.of()).withConnectTimeout(Duration.ofMillis(300))));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 250 && ms < 3000, "took " + ms + " ms");
            assertTrue(e.getMessage().contains("within the connect timeout of 300 ms"), e.getMessage());
        }
    }

    @Test
    void anOversizedResponseHeadIsRefused() throws Exception {
        IOException e = refusedWith(r -> "HTTP/1.1 101 Switching Protocols\r\nX-Junk: " + "j".repeat(20_000) + "\r\n\r\n", "/");
        assertTrue(e.getMessage().contains("more than 8192 bytes of headers"), e.getMessage());
    }

    @Test
    void headerInjectionAndHandshakeHeadersAreRefusedBeforeConnecting() {
        IllegalArgumentException crlf = assertThrows(IllegalArgumentException.class, () -> PROVIDER.open(
                URI.create("ws://127.0.0.1:9/"), options(Map.of("X-Token", "abc\r\nEvil: 1"))));
        assertTrue(crlf.getMessage().contains("X-Token") && !crlf.getMessage().contains("abc"), crlf.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> PROVIDER.open(
                URI.create("ws://127.0.0.1:9/"), options(Map.of("Sec-WebSocket-Key", "x"))));
        assertTrue(key.getMessage().contains("set by the WebSocket handshake itself"), key.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> PROVIDER.open(
                URI.create("ws://127.0.0.1:9/"), options(Map.of("Bad Name", "x"))));
        assertTrue(name.getMessage().contains("'Bad Name'"), name.getMessage());
    }

    @Test
    void bytesTheServerSendsRightAfterTheUpgradeAreKept() throws Exception {
        // The 101 and a first frame in one write: the handshake reader must not swallow the frame.
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(r -> ScriptedWebSocketServer
                .switchingProtocols(r, "mqtt") + new String(ScriptedWebSocketServer.frame(true, Opcode.BINARY,
                        new byte[] {0x20, 0x02, 0x00, 0x00}), java.nio.charset.StandardCharsets.ISO_8859_1));
                Transport t = PROVIDER.open(URI.create(server.uri("/")), options(Map.of()))) {
            byte[] connack = t.input().readNBytes(4);
            assertEquals("[32, 2, 0, 0]", java.util.Arrays.toString(connack));
        }
    }

    @Test
    void simpleClientHeadersReachTheUpgradeRequest() throws Exception {
        // The CONNACK (20 02 00 00) rides right behind the 101, so connect() completes unattended.
        String connack = new String(ScriptedWebSocketServer.frame(true, Opcode.BINARY, new byte[] {0x20, 0x02, 0x00, 0x00}),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(
                r -> ScriptedWebSocketServer.switchingProtocols(r, "mqtt") + connack);
                umqtt.simple.SimpleClient client = umqtt.simple.SimpleClient.builder().clientId("hdr")
                        .server(server.uri("/mqtt")).header("Authorization", "Bearer cloud-token")
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            assertFalse(client.connect());
            ScriptedWebSocketServer.Connection peer = server.connection();
            assertEquals("Bearer cloud-token", ScriptedWebSocketServer.header(peer.request(), "Authorization"));
            ScriptedWebSocketServer.ClientFrame connect = peer.read();
            assertEquals(Opcode.BINARY, connect.opcode());
            assertEquals(0x10, connect.payload()[0], "the CONNECT packet, whole in one frame");
            assertEquals(connect.payload().length - 2, connect.payload()[1], "remaining length covers the frame");
        }
    }

    @Test
    void theProviderIsFoundThroughTheServiceLoaderForBothSchemes() {
        assertInstanceOf(WebSocketTransportProvider.class, Transports.provider("ws"));
        assertInstanceOf(WebSocketTransportProvider.class, Transports.provider("WSS"));
    }

    private static IOException refusedWith(Function<String, String> answer, String path) throws Exception {
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(answer)) {
            IOException e = assertThrows(IOException.class,
                    () -> PROVIDER.open(URI.create(server.uri(path)), options(Map.of())));
            assertTrue(server.connection().clientClosedTcp(), "the client must close the connection it failed to upgrade");
            return e;
        }
    }
}

package umqtt.tests.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.Transports;
import umqtt.tests.brokers.FreePorts;
import umqtt.tests.brokers.TestPki;
import umqtt.tests.tls.StalledPeer;
import umqtt.transport.websocket.frame.Opcode;

/**
 * A server URI's user info and query may hold a password or a signed token
 * ({@code wss://host/mqtt?X-Amz-Signature=...}): none of it appears in any exception (message,
 * cause or suppressed) or {@code toString} of the transports, whatever fails.
 */
class SecretInUriTest {

    private static final String SECRET = "s3cr3t";
    private static final String USER_INFO = "alice:" + SECRET + "@";
    private static final String QUERY = "?X-Amz-Signature=" + SECRET + "&X-Amz-Security-Token=" + SECRET;

    private static TransportOptions options(TlsOptions tls) {
        return new TransportOptions(Duration.ofSeconds(10), tls, Map.of());
    }

    private static TlsOptions trustingTestCa() {
        return TlsOptions.builder().trustPem(TestPki.get().caCert()).build();
    }

    /** Everything an exception prints: messages, causes, suppressed ones. */
    private static String printed(Throwable e) {
        StringWriter s = new StringWriter();
        e.printStackTrace(new PrintWriter(s));
        return s.toString();
    }

    private static IOException failsWithoutSecret(String uri, TlsOptions tls) {
        IOException e = assertThrows(IOException.class, () -> Transports.open(URI.create(uri), options(tls)).close());
        assertFalse(printed(e).contains(SECRET), printed(e));
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "mqtts", "ws", "wss"})
    void aRefusedConnectionShowsNoSecret(String scheme) {
        int closed = FreePorts.loopback();
        failsWithoutSecret(scheme + "://" + USER_INFO + "127.0.0.1:" + closed + "/mqtt" + QUERY, trustingTestCa());
    }

    @Test
    void aRefusedUpgradeShowsNoSecret() throws Exception {
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(
                r -> "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")) {
            IOException e = failsWithoutSecret("ws://" + USER_INFO + "127.0.0.1:" + server.port() + "/mqtt" + QUERY,
                    trustingTestCa());
            assertTrue(e.getMessage().contains("401"), e.getMessage());
            assertTrue(server.connection().request().startsWith("GET /mqtt" + QUERY + " HTTP/1.1\r\n"),
                    "the token still goes to the server, in the request target");
        }
    }

    @Test
    void anUntrustedServerOverWssShowsNoSecret() throws Exception {
        try (StalledPeer peer = new StalledPeer(StalledPeer.Scheme.WSS, false)) {
            URI plain = peer.uri();
            failsWithoutSecret("wss://" + USER_INFO + "localhost:" + plain.getPort() + "/mqtt" + QUERY,
                    TlsOptions.builder().trustPem(TestPki.get().untrustedCaCert()).build());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"WS", "WSS"})
    void aConnectedTransportAndItsCloseShowNoSecret(StalledPeer.Scheme scheme) throws Exception {
        try (StalledPeer peer = new StalledPeer(scheme, false)) {
            URI plain = peer.uri();
            String uri = plain.getScheme() + "://" + USER_INFO + "localhost:" + plain.getPort() + "/mqtt" + QUERY;
            try (Transport t = Transports.open(URI.create(uri), options(trustingTestCa()))) {
                assertFalse(t.toString().contains(SECRET), t.toString());
                assertTrue(t.toString().startsWith("websocket " + plain.getScheme() + "://localhost:" + plain.getPort()
                        + "/mqtt over "), t.toString());
            }
        }
    }

    @Test
    void aCloseFromTheServerShowsNoSecret() throws Exception {
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer(ScriptedWebSocketServer.ACCEPT_MQTT)) {
            String uri = "ws://" + USER_INFO + "127.0.0.1:" + server.port() + "/mqtt" + QUERY;
            try (Transport t = Transports.open(URI.create(uri), options(trustingTestCa()))) {
                server.connection().send(true, Opcode.CLOSE, ScriptedWebSocketServer.closePayload(1008, "policy"));
                IOException e = assertThrows(IOException.class, () -> t.input().read());
                assertFalse(printed(e).contains(SECRET), printed(e));
                assertEquals("the server closed the WebSocket at ws://127.0.0.1:" + server.port() + "/mqtt with status "
                        + "1008 (policy violation): policy", e.getMessage());
            }
        }
    }
}

package umqtt.tests.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;
import umqtt.tests.brokers.Broker.Listener;

/** Every listener of every broker fixture speaks MQTT as promised (raw bytes, JSSE for TLS). */
class BrokersTest {

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void tcpListenerAcceptsAnAnonymousConnect(Broker broker) throws IOException {
        try (Socket socket = RawSockets.plain(broker.uri(Listener.TCP))) {
            assertEquals(MqttBytes.CONNACK_ACCEPTED, MqttBytes.exchange(socket, MqttBytes.CONNECT));
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void tlsListenerIsTrustedThroughTheTestCaByAddressAndByName(Broker broker) throws IOException {
        for (URI uri : List.of(broker.uri(Listener.TLS), broker.localhostUri(Listener.TLS))) {
            try (Socket socket = RawSockets.tls(uri, JsseContexts.clientTrustingTestCa())) {
                assertEquals(MqttBytes.CONNACK_ACCEPTED, MqttBytes.exchange(socket, MqttBytes.CONNECT), uri.toString());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withMutualTls")
    void mutualTlsListenerAcceptsTheClientCertificate(Broker broker) throws IOException {
        try (Socket socket = RawSockets.tls(broker.uri(Listener.MUTUAL_TLS), JsseContexts.clientWithCertificate())) {
            assertEquals(MqttBytes.CONNACK_ACCEPTED, MqttBytes.exchange(socket, MqttBytes.CONNECT));
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withMutualTls")
    void mutualTlsListenerRefusesAClientWithoutCertificate(Broker broker) {
        URI uri = broker.uri(Listener.MUTUAL_TLS); // outside assertThrows: a missing broker skips
        // With TLS 1.3 the server's refusal may surface only at the first read.
        assertThrows(IOException.class, () -> {
            try (Socket socket = RawSockets.tls(uri, JsseContexts.clientTrustingTestCa())) {
                MqttBytes.exchange(socket, MqttBytes.CONNECT);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withAuth")
    void authListenerAcceptsAliceAndRefusesOthers(Broker broker) throws IOException {
        URI uri = broker.uri(Listener.AUTH);
        try (Socket socket = RawSockets.plain(uri)) {
            assertEquals(MqttBytes.CONNACK_ACCEPTED, MqttBytes.exchange(socket, MqttBytes.CONNECT_ALICE));
        }
        for (String refused : List.of(MqttBytes.CONNECT_WRONG_PASSWORD, MqttBytes.CONNECT)) {
            try (Socket socket = RawSockets.plain(uri)) {
                String connack = MqttBytes.exchange(socket, refused);
                assertTrue(connack.equals("20 02 00 04") || connack.equals("20 02 00 05"),
                        "expected CONNACK 4 or 5 but got " + connack);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void anonymousTcpClientMaySubscribe(Broker broker) throws IOException {
        try (Socket socket = RawSockets.plain(broker.uri(Listener.TCP))) {
            assertEquals(MqttBytes.CONNACK_ACCEPTED, MqttBytes.exchange(socket, MqttBytes.CONNECT));
            assertEquals(MqttBytes.SUBACK_QOS0, MqttBytes.exchange(socket, MqttBytes.SUBSCRIBE));
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withWebSocket")
    void webSocketListenersUpgradeWithTheMqttSubprotocol(Broker broker) throws IOException {
        URI ws = broker.uri(Listener.WS);
        try (Socket socket = RawSockets.plain(ws)) {
            assertSwitchesProtocols(socket, ws);
        }
        URI wss = broker.localhostUri(Listener.WSS);
        try (Socket socket = RawSockets.tls(wss, JsseContexts.clientTrustingTestCa())) {
            assertSwitchesProtocols(socket, wss);
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withBadCertificates")
    void wrongHostListenerServesACertificateForWrongExampleOnly(Broker broker) throws Exception {
        URI uri = broker.localhostUri(Listener.TLS_WRONG_HOST);
        assertThrows(SSLHandshakeException.class, () -> RawSockets.tls(uri, JsseContexts.clientTrustingTestCa()).close());
        // Trusted by the CA, refused only for its name:
        try (SSLSocket socket = RawSockets.tls(uri, JsseContexts.clientTrustingTestCa(), false)) {
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals(List.of(List.of(2, "wrong.example")), List.copyOf(served.getSubjectAlternativeNames()));
            assertEquals(MqttBytes.CONNACK_ACCEPTED, MqttBytes.exchange(socket, MqttBytes.CONNECT));
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withBadCertificates")
    void expiredListenerServesAnExpiredCertificate(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TLS_EXPIRED);
        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                () -> RawSockets.tls(uri, JsseContexts.clientTrustingTestCa()).close());
        assertTrue(hasCause(refused, CertificateExpiredException.class), refused.toString());
        try (SSLSocket socket = RawSockets.tls(uri, trustingAnything(), false)) {
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThrows(CertificateExpiredException.class, served::checkValidity);
        }
    }

    @Test
    void allListsHiveMqMosquittoAedesAndTheContainerOnlyWhereDockerRuns() {
        List<String> expected = DockerMosquitto.dockerAvailable()
                ? List.of("hivemq", "mosquitto", "aedes", "mosquitto-docker")
                : List.of("hivemq", "mosquitto", "aedes");
        assertEquals(expected, Brokers.all().map(Broker::name).toList());
    }

    @Test
    void aMissingBrokerSkipsTheTestOrFailsItWhenBrokersAreRequired() {
        Class<? extends RuntimeException> expected = BrokerRequirement.required()
                ? MissingBrokerFailure.class
                : MissingBrokerAbort.class;
        RuntimeException e = assertThrows(expected, () -> BrokerRequirement.missing("frobnicator",
                "frobnicator is not installed", "apt-get install frobnicator"));
        assertTrue(e.getMessage().startsWith("frobnicator is not installed: apt-get install frobnicator"), e.getMessage());
        assertTrue(e.getMessage().contains("UMQTT_REQUIRE_BROKERS=1"), e.getMessage());
        if (e instanceof MissingBrokerAbort abort) {
            assertEquals("frobnicator", abort.broker());
            assertEquals("apt-get install frobnicator", abort.install());
        }
    }

    @Test
    void aListenerABrokerLacksAbortsTheTest() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> Brokers.hivemq().uri(Listener.PSK));
        assertTrue(e.getMessage().contains("hivemq has no PSK listener"), e.getMessage());
    }

    private static void assertSwitchesProtocols(Socket socket, URI uri) throws IOException {
        String request = "GET " + uri.getPath() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" // the sample nonce of RFC 6455 §1.3
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: mqtt\r\n"
                + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String response = readHead(socket.getInputStream());
        assertTrue(response.startsWith("HTTP/1.1 101"), uri + " answered: " + response);
        assertTrue(response.toLowerCase().contains("sec-websocket-protocol: mqtt"), uri + " answered: " + response);
        assertTrue(response.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), uri + " answered: " + response);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Accepts any certificate: only to look at what a listener serves, never for a connection under test. */
    private static SSLContext trustingAnything() throws Exception {
        TrustManager anything = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {anything}, null);
        return context;
    }
}

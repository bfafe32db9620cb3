package umqtt.tests.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import umqtt.tests.brokers.Broker.Listener;

/** What only the Mosquitto fixture offers: the bad-certificate and PSK listeners, and its life cycle. */
class MosquittoTest {

    @Test
    void everyListenerHasItsOwnPortAndScheme() {
        Mosquitto mosquitto = Mosquitto.shared();
        assertEquals(Listener.values().length,
                java.util.Arrays.stream(Listener.values()).mapToInt(mosquitto::port).distinct().count());
        assertEquals("mqtts", mosquitto.uri(Listener.PSK).getScheme());
        assertEquals(URI.create("ws://127.0.0.1:" + mosquitto.port(Listener.WS) + "/mqtt"), mosquitto.uri(Listener.WS));
        assertEquals(URI.create("wss://localhost:" + mosquitto.port(Listener.WSS) + "/mqtt"),
                mosquitto.localhostUri(Listener.WSS));
    }

    @Test
    void wrongHostListenerServesACertificateForWrongExampleOnly() throws Exception {
        URI uri = Mosquitto.shared().localhostUri(Listener.TLS_WRONG_HOST);
        assertThrows(SSLHandshakeException.class, () -> RawSockets.tls(uri, JsseContexts.clientTrustingTestCa()).close());
        // Trusted by the CA, refused only for its name:
        try (SSLSocket socket = RawSockets.tls(uri, JsseContexts.clientTrustingTestCa(), false)) {
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals(List.of(List.of(2, "wrong.example")), List.copyOf(served.getSubjectAlternativeNames()));
            assertEquals(MqttBytes.CONNACK_ACCEPTED, MqttBytes.exchange(socket, MqttBytes.CONNECT));
        }
    }

    @Test
    void expiredListenerServesAnExpiredCertificate() throws Exception {
        URI uri = Mosquitto.shared().uri(Listener.TLS_EXPIRED);
        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                () -> RawSockets.tls(uri, JsseContexts.clientTrustingTestCa()).close());
        assertTrue(hasCause(refused, CertificateExpiredException.class), refused.toString());
        try (SSLSocket socket = RawSockets.tls(uri, trustingAnything(), false)) {
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThrows(CertificateExpiredException.class, served::checkValidity);
        }
    }

    @Test
    void mosquittoPubPublishesThroughTheTlsListener() throws Exception {
        Mosquitto mosquitto = Mosquitto.shared();
        assertEquals(0, mosquittoPub(mosquitto, Listener.TLS, "--cafile", TestPki.get().caCert().toString()));
    }

    @Test
    void mosquittoPubPublishesThroughThePskListenerOnlyWithTheRightKey() throws Exception {
        Mosquitto mosquitto = Mosquitto.shared();
        TestPki pki = TestPki.get();
        assertEquals(0, mosquittoPub(mosquitto, Listener.PSK,
                "--psk", HexFormat.of().formatHex(pki.pskKey()), "--psk-identity", pki.pskIdentity()));
        byte[] wrong = pki.pskKey();
        wrong[0] ^= 1;
        assertTrue(mosquittoPub(mosquitto, Listener.PSK,
                "--psk", HexFormat.of().formatHex(wrong), "--psk-identity", pki.pskIdentity()) != 0);
    }

    @Test
    void privateBrokerStopsAndStartsAgainOnTheSamePorts() throws Exception {
        Mosquitto mosquitto = Mosquitto.startPrivate();
        try {
            URI tcp = mosquitto.uri(Listener.TCP);
            assertConnects(tcp);

            mosquitto.stop();
            assertFalse(mosquitto.isRunning());
            assertThrows(IOException.class, () -> RawSockets.plain(tcp).close());

            mosquitto.start();
            assertEquals(tcp, mosquitto.uri(Listener.TCP));
            assertConnects(tcp);

            try (Socket connected = RawSockets.plain(tcp)) {
                assertEquals(MqttBytes.CONNACK_ACCEPTED, MqttBytes.exchange(connected, MqttBytes.CONNECT));
                mosquitto.kill();
                assertEquals(-1, connected.getInputStream().read(), "the connection must drop with the broker");
            }
            mosquitto.restart();
            assertConnects(tcp);
        } finally {
            mosquitto.stop();
        }
    }

    @Test
    void aBrokerThatCannotStartReportsItsLog() throws Exception {
        Mosquitto mosquitto = Mosquitto.startPrivate();
        try {
            mosquitto.stop();
            int port = mosquitto.port(Listener.TCP);
            try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                IllegalStateException e = assertThrows(IllegalStateException.class, mosquitto::start);
                assertTrue(e.getMessage().contains("mosquitto did not start"), e.getMessage());
                assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
            }
        } finally {
            mosquitto.stop();
        }
    }

    @Test
    void configurationAndPasswordFileAreWhereTheLogSays() throws IOException {
        Mosquitto mosquitto = Mosquitto.shared();
        String config = Files.readString(mosquitto.folder().resolve("mosquitto.conf"), StandardCharsets.UTF_8);
        assertTrue(config.contains("per_listener_settings true"), config);
        assertTrue(config.contains("listener " + mosquitto.port(Listener.AUTH) + " 127.0.0.1"), config);
        assertTrue(Files.readString(mosquitto.folder().resolve("passwd")).startsWith(Broker.USER + ":"));
        assertTrue(Files.exists(mosquitto.log()));
    }

    private static void assertConnects(URI uri) throws IOException {
        try (Socket socket = RawSockets.plain(uri)) {
            assertEquals(MqttBytes.CONNACK_ACCEPTED, MqttBytes.exchange(socket, MqttBytes.CONNECT));
        }
    }

    /** Runs mosquitto_pub (QoS 1, so it waits for the PUBACK) against a listener by the name localhost. */
    private static int mosquittoPub(Mosquitto mosquitto, Listener listener, String... tls) throws Exception {
        Path pub = Executables.find("mosquitto_pub").orElse(null);
        Assumptions.assumeTrue(pub != null, "mosquitto_pub is not installed (apt-get install mosquitto-clients)");
        List<String> command = new ArrayList<>(List.of(pub.toString(), "-h", "localhost",
                "-p", Integer.toString(mosquitto.port(listener)), "-q", "1", "-t", "fixture/check", "-m", "hello"));
        command.addAll(List.of(tls));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mosquitto_pub did not finish within 10 s: " + command);
        }
        return process.exitValue();
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

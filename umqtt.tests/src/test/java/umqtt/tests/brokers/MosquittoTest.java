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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.tests.brokers.Broker.Listener;

/** What only the Mosquitto fixture offers: PSK, checks with mosquitto_pub, and its life cycle. */
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
    void mosquittoPubPublishesThroughTheTlsListener() throws Exception {
        Mosquitto mosquitto = Mosquitto.shared();
        assertEquals(0, mosquittoPub(mosquitto, Listener.TLS, "--cafile", TestPki.get().caCert().toString()));
    }

    @Test
    void mosquittoPubPresentsTheRsaAndEcClientCertificatesOnTheMutualTlsListener() throws Exception {
        Mosquitto mosquitto = Mosquitto.shared();
        TestPki pki = TestPki.get();
        String ca = pki.caCert().toString();
        // OpenSSL reads the PKCS#1 and SEC1 files, an implementation independent of the one that wrote them.
        assertEquals(0, mosquittoPub(mosquitto, Listener.MUTUAL_TLS, "--cafile", ca,
                "--cert", pki.clientRsaCert().toString(), "--key", pki.clientRsaKeyPkcs1().toString()));
        assertEquals(0, mosquittoPub(mosquitto, Listener.MUTUAL_TLS, "--cafile", ca,
                "--cert", pki.clientEcCert().toString(), "--key", pki.clientEcKeySec1().toString()));
        assertTrue(mosquittoPub(mosquitto, Listener.MUTUAL_TLS, "--cafile", ca) != 0);
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
        Path pub = Mosquitto.program("mosquitto_pub");
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
}

package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.tests.brokers.Executables;
import umqtt.tests.brokers.FreePorts;
import umqtt.transport.tls.TlsTransportProvider;

/**
 * TLS 1.2 PSK suites, for servers without TLS 1.3 PSK, against OpenSSL's own test server
 * ({@code openssl s_server -tls1_2 -nocert -psk}); Mosquitto negotiates TLS 1.3 PSK instead
 * (see {@link PskTest}). Skipped where the openssl program is not installed.
 */
class PskTls12Test {

    private static final String IDENTITY = "tls12-device";
    private static final byte[] KEY = HexFormat.of().parseHex("3c1f0e7d55aa01928374655647382910");

    private static Process server(int port) throws Exception {
        Optional<Path> openssl = Executables.find("openssl", Path.of("/usr/bin"));
        Assumptions.assumeTrue(openssl.isPresent(), "the openssl program is not installed");
        Process p = new ProcessBuilder(openssl.get().toString(), "s_server", "-accept", "127.0.0.1:" + port,
                "-nocert", "-psk", HexFormat.of().formatHex(KEY), "-psk_identity", IDENTITY, "-tls1_2", "-rev",
                "-naccept", "1").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("ACCEPT")) {
                return p;
            }
        }
        throw new IllegalStateException("openssl s_server did not start on port " + port);
    }

    private static Transport open(int port, byte[] key) throws Exception {
        return new TlsTransportProvider().open(URI.create("mqtts://127.0.0.1:" + port),
                new TransportOptions(Duration.ofSeconds(10), TlsOptions.builder().psk(IDENTITY, key).build(), Map.of()));
    }

    @Test
    void tls12PskWorks() throws Exception {
        int port = FreePorts.loopback();
        Process p = server(port);
        try (Transport t = open(port, KEY)) {
            t.output().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            t.output().flush();
            assertEquals("olleh", new String(t.input().readNBytes(5), StandardCharsets.US_ASCII));
        } finally {
            p.destroy();
        }
    }

    @Test
    void tls12WrongPskIsRefused() throws Exception {
        int port = FreePorts.loopback();
        Process p = server(port);
        try {
            byte[] wrong = KEY.clone();
            wrong[3] ^= 0x40;
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> open(port, wrong).close());
            assertTrue(e.getMessage().contains("refused our pre-shared key"), e.getMessage());
        } finally {
            p.destroy();
        }
    }
}

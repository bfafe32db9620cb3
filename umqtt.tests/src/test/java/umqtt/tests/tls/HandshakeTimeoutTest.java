package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import umqtt.api.spi.TransportOptions;
import umqtt.transport.tls.TlsTransportProvider;

/** The connect timeout bounds the TLS handshake too, even against a server that trickles bytes. */
class HandshakeTimeoutTest {

    @Test
    void aSilentServerTimesOutWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = silent.accept(); InputStream in = s.getInputStream()) {
                    in.readAllBytes();
                } catch (Exception e) {
                    // the client gave up
                }
            });
            t.setDaemon(true);
            t.start();
            long start = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> new TlsTransportProvider().open(
                    URI.create("mqtts://127.0.0.1:" + silent.getLocalPort()),
                    new TransportOptions(Duration.ofMillis(500), TlsRoundTrip.trustingTestCa().build(), Map.of())));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 400 && ms < 5_000, "took " + ms + " ms");
            assertTrue(e.getMessage().contains("TLS handshake") && e.getMessage().contains("sent nothing"), e.getMessage());
        }
    }

    @Test
    void aTricklingServerCannotStretchTheHandshake() throws Exception {
        try (ServerSocket slow = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                // A TLS handshake record header, then one byte of its body every 100 ms.
                try (Socket s = slow.accept()) {
                    s.getOutputStream().write(new byte[] {22, 3, 3, 0x40, 0});
                    for (int i = 0; i < 100; i++) {
                        s.getOutputStream().write(2);
                        s.getOutputStream().flush();
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    // the client gave up
                }
            });
            t.setDaemon(true);
            t.start();
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> new TlsTransportProvider().open(
                    URI.create("mqtts://127.0.0.1:" + slow.getLocalPort()),
                    new TransportOptions(Duration.ofMillis(700), TlsRoundTrip.trustingTestCa().build(), Map.of())));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 5_000, "took " + ms + " ms for a 700 ms connect timeout");
        }
    }
}

package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import umqtt.api.spi.TransportOptions;
import umqtt.transport.tls.TlsTransportProvider;

/**
 * A server that answers with TLS 1.1 is refused: we speak TLS 1.3 and 1.2 only. No real broker
 * here will negotiate TLS 1.1 (the JDK and OpenSSL 3 disable it), so a scripted ServerHello plays
 * that server.
 */
class OldTlsVersionTest {

    @Test
    void aServerChoosingTls11IsRefused() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    byte[] header = new byte[5];
                    in.readFully(header);
                    in.readFully(new byte[((header[3] & 0xFF) << 8) | (header[4] & 0xFF)]);
                    OutputStream out = s.getOutputStream();
                    byte[] hello = new byte[4 + 2 + 32 + 1 + 2 + 1];
                    hello[0] = 2;                      // ServerHello
                    hello[3] = (byte) (hello.length - 4);
                    hello[4] = 3;                      // server_version 3.2 = TLS 1.1
                    hello[5] = 2;
                    hello[6 + 32] = 0;                 // empty session id
                    hello[6 + 32 + 1] = (byte) 0xC0;   // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
                    hello[6 + 32 + 2] = 0x13;
                    hello[6 + 32 + 3] = 0;             // no compression
                    out.write(new byte[] {22, 3, 2, 0, (byte) hello.length});
                    out.write(hello);
                    out.flush();
                    in.readAllBytes();
                } catch (Exception e) {
                    // the client hung up
                }
            });
            t.setDaemon(true);
            t.start();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> new TlsTransportProvider().open(
                    URI.create("mqtts://127.0.0.1:" + server.getLocalPort()),
                    new TransportOptions(Duration.ofSeconds(10), TlsRoundTrip.trustingTestCa().build(), Map.of())));
            assertTrue(e.getMessage().contains("older than 1.2"), e.getMessage());
        }
    }
}

package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.tests.brokers.JsseContexts;
import umqtt.transport.tls.TlsTransportProvider;

/** A record altered on the way is refused (AEAD tag check), never delivered. */
class RecordIntegrityTest {

    @Test
    void aTamperedRecordFailsTheConnection() throws Exception {
        byte[] ready = "ready".getBytes(StandardCharsets.US_ASCII);
        CountDownLatch sendSecret = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        RecordingTlsServer.Script script = (SSLSocket s) -> {
            s.getOutputStream().write(ready);
            s.getOutputStream().flush();
            sendSecret.await();
            s.getOutputStream().write("tampered with".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            finished.await(30, TimeUnit.SECONDS);
        };
        try (RecordingTlsServer server = new RecordingTlsServer(JsseContexts.server(), null, script);
             HoldingProxy proxy = new HoldingProxy(server.port());
             Transport t = new TlsTransportProvider().open(URI.create("mqtts://localhost:" + proxy.port()),
                     new TransportOptions(Duration.ofSeconds(10), TlsRoundTrip.trustingTestCa().build(), Map.of()))) {
            assertArrayEquals(ready, t.input().readNBytes(ready.length));
            proxy.corruptNext();
            sendSecret.countDown();
            t.setReadTimeout(10_000);
            IOException e = assertThrows(IOException.class, () -> t.input().read(new byte[64]));
            assertFalse(e instanceof SocketTimeoutException, e.toString());
            assertTrue(String.valueOf(e.getMessage()).contains("bad_record_mac"), e.toString());
            finished.countDown();
        }
    }
}

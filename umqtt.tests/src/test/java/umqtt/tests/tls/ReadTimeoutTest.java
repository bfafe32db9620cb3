package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * A read through TLS that times out throws SocketTimeoutException and loses nothing, even when it
 * times out in the middle of a TLS record: the rest of the record is read whole later.
 */
class ReadTimeoutTest {

    @Test
    void timeoutInTheMiddleOfARecordLosesNoByte() throws Exception {
        byte[] ready = "ready".getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[300];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7 + 1);
        }
        CountDownLatch sendBig = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        RecordingTlsServer.Script script = (SSLSocket s) -> {
            s.getOutputStream().write(ready);
            s.getOutputStream().flush();
            sendBig.await();
            s.getOutputStream().write(big);
            s.getOutputStream().flush();
            finished.await(30, TimeUnit.SECONDS);
        };
        try (RecordingTlsServer server = new RecordingTlsServer(JsseContexts.server(), null, script);
             HoldingProxy proxy = new HoldingProxy(server.port());
             Transport t = new TlsTransportProvider().open(URI.create("mqtts://localhost:" + proxy.port()),
                     new TransportOptions(Duration.ofSeconds(10), TlsRoundTrip.trustingTestCa().build(), Map.of()))) {
            assertArrayEquals(ready, t.input().readNBytes(ready.length));

            t.setReadTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> t.input().read(), "nothing sent yet");

            proxy.holdAfter(7);
            sendBig.countDown();
            assertTrue(proxy.awaitHeld(10), "the proxy saw the record");
            assertThrows(SocketTimeoutException.class, () -> t.input().read(new byte[big.length]),
                    "header and 2 bytes of the record arrived, the rest is held");
            assertThrows(SocketTimeoutException.class, () -> t.input().read(), "still held, still usable");

            proxy.release();
            t.setReadTimeout(10_000);
            assertArrayEquals(big, t.input().readNBytes(big.length));
            finished.countDown();
        }
    }
}

package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * {@code available()} over TLS counts the application data a read returns at once, including
 * records that have arrived but were not read yet (what a WebSocket over TLS needs to answer a
 * ping while the client only writes), never blocks, and never mistakes the middle of a record
 * left by a timed-out read for the start of one.
 */
class TlsAvailableTest {

    @Test
    void arrivedRecordsCountWithoutARead() throws Exception {
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        CountDownLatch finished = new CountDownLatch(1);
        RecordingTlsServer.Script script = (SSLSocket s) -> {
            s.getOutputStream().write(hello);
            s.getOutputStream().flush();
            finished.await(30, TimeUnit.SECONDS);
        };
        try (RecordingTlsServer server = new RecordingTlsServer(JsseContexts.server(), null, script);
             Transport t = open(server.port())) {
            awaitAvailable(t, hello.length);
            assertArrayEquals(hello, t.input().readNBytes(hello.length));
            assertEquals(0, t.input().available());
            finished.countDown();
        }
    }

    @Test
    void theMiddleOfARecordLeftByATimedOutReadIsNotTakenForARecord() throws Exception {
        byte[] big = new byte[300];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7 + 1);
        }
        CountDownLatch sendBig = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        byte[] ready = "ready".getBytes(StandardCharsets.US_ASCII);
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
             Transport t = open(proxy.port())) {
            // Whatever the server sent first (TLS 1.3 session tickets) has passed the proxy with it.
            assertArrayEquals(ready, t.input().readNBytes(ready.length));
            t.setReadTimeout(200);
            assertEquals(0, t.input().available());
            proxy.holdAfter(7);
            sendBig.countDown();
            assertTrue(proxy.awaitHeld(10), "the proxy saw the record");
            assertThrows(SocketTimeoutException.class, () -> t.input().read(new byte[big.length]),
                    "header and 2 bytes of the record arrived, the rest is held");
            assertEquals(0, t.input().available(), "in the middle of a record: nothing to read at once");
            proxy.release();
            awaitAvailable(t, big.length);
            assertArrayEquals(big, t.input().readNBytes(big.length));
            finished.countDown();
        }
    }

    private static Transport open(int port) throws IOException {
        return new TlsTransportProvider().open(URI.create("mqtts://localhost:" + port),
                new TransportOptions(Duration.ofSeconds(10), TlsRoundTrip.trustingTestCa().build(), Map.of()));
    }

    /** Polls {@code available()} (which never blocks) until it reports {@code n} bytes. */
    private static void awaitAvailable(Transport t, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int available = t.input().available();
        while (available < n && System.nanoTime() < deadline) {
            Thread.sleep(1);
            available = t.input().available();
        }
        assertEquals(n, available, "bytes available without a read");
    }
}

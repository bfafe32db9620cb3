package umqtt.bench.harness.wan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The WAN relay in front of an echo server: round trip, pipelining, order, bandwidth, shutdown. */
@Timeout(30)
class DelayRelayTest {

    private static final long MS = 1_000_000;
    private ServerSocket echo;
    private Thread echoThread;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThread = new Thread(() -> {
            while (true) {
                try {
                    Socket s = echo.accept();
                    s.setTcpNoDelay(true);
                    Thread t = new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException e) {
                            // the test closed it
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        echoThread.setDaemon(true);
        echoThread.start();
    }

    @AfterEach
    void stopEcho() throws IOException {
        echo.close();
    }

    private DelayRelay relay(int delayMillis, long bytesPerSecond) throws IOException {
        return DelayRelay.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()),
                Duration.ofMillis(delayMillis), bytesPerSecond);
    }

    private static Socket connect(DelayRelay r) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), r.port());
        s.setTcpNoDelay(true);
        return s;
    }

    @Test
    void aRoundTripTakesTwiceTheDelay() throws IOException {
        try (DelayRelay r = relay(20, 0); Socket s = connect(r)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                out.write(i);
                assertEquals(i, in.read());
                long rtt = System.nanoTime() - t0;
                assertTrue(rtt >= 40 * MS, "a round trip through 20 ms each way took only " + rtt / 1e6 + " ms");
                best = Math.min(best, rtt);
            }
            assertTrue(best < 48 * MS, "the best of 5 round trips took " + best / 1e6 + " ms, not about 40");
        }
    }

    @Test
    void chunksArePipelinedInOrder() throws IOException, InterruptedException {
        try (DelayRelay r = relay(20, 0); Socket s = connect(r)) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            int n = 20;
            long[] sentAt = new long[n];
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        sentAt[i] = System.nanoTime();
                        out.write(new byte[] {(byte) i, (byte) (i + 100)});
                        Thread.sleep(2);
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            long t0 = System.nanoTime();
            sender.start();
            byte[] got = new byte[2 * n];
            in.readFully(got);
            long total = System.nanoTime() - t0;
            sender.join();
            byte[] expected = new byte[2 * n];
            for (int i = 0; i < n; i++) {
                expected[2 * i] = (byte) i;
                expected[2 * i + 1] = (byte) (i + 100);
            }
            assertArrayEquals(expected, got, "bytes out of order or lost");
            long sending = sentAt[n - 1] - sentAt[0];
            // Pipelined: the last chunk is back one round trip after it was sent, not n round trips after the first.
            assertTrue(total >= 40 * MS + sending && total < 40 * MS + sending + 15 * MS,
                    "20 chunks sent over " + sending / 1e6 + " ms were all back after " + total / 1e6
                            + " ms; expected about " + (40 + sending / 1e6));
        }
    }

    @Test
    void theBandwidthCapAddsSerializationTime() throws IOException {
        int size = 200_000;
        try (DelayRelay r = relay(5, 1_000_000); Socket s = connect(r)) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            long t0 = System.nanoTime();
            s.getOutputStream().write(new byte[size]);
            in.readFully(new byte[size]);
            long took = System.nanoTime() - t0;
            // The last byte crosses the 1 MB/s line no sooner than 200 ms after the first, then both delays;
            // the way back streams behind it (the echo returns each chunk as it arrives), adding at most
            // one chunk's serialization (64 KiB: 66 ms): about 280 ms. The bound above is 400 ms, below
            // the 410 ms a cap counted twice would take: a loaded machine (a run at load 160 took 323 ms)
            // only delays, while the 210 ms below is what the cap must add whatever the load.
            assertTrue(took >= 210 * MS && took < 400 * MS, "200 kB through 1 MB/s each way took " + took / 1e6
                    + " ms, expected 210 to about 280 (less than 400)");
        }
    }

    @Test
    void closingTheRelayClosesItsConnections() throws IOException, InterruptedException {
        DelayRelay r = relay(10, 0);
        try (Socket s = connect(r)) {
            s.getOutputStream().write(1);
            assertEquals(1, s.getInputStream().read());
            assertEquals(1, r.openConnections());
            r.close();
            assertEquals(-1, s.getInputStream().read(), "the relayed connection stayed open after close");
            assertEquals(0, r.openConnections());
        }
        try (Socket s = new Socket()) {
            assertThrowsIo(() -> s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), r.port()), 1000));
        }
    }

    @Test
    void aClientsEndOfStreamReachesTheServerAndBack() throws IOException {
        try (DelayRelay r = relay(5, 0); Socket s = connect(r)) {
            s.getOutputStream().write(new byte[] {7, 8});
            s.shutdownOutput();
            byte[] back = s.getInputStream().readAllBytes(); // the echo server closes once it sees the end
            assertArrayEquals(new byte[] {7, 8}, back);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void assertThrowsIo(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            return;
        }
        throw new AssertionError("the relay still accepted connections after close");
    }
}

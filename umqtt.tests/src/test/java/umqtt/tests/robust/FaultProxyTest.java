package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault-injecting proxy, against a plain echo server. */
class FaultProxyTest {

    private EchoServer echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        proxy = FaultProxy.to("127.0.0.1", echo.port());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", proxy.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static byte[] roundTrip(Socket s, byte[] data) throws IOException {
        s.getOutputStream().write(data);
        s.getOutputStream().flush();
        return s.getInputStream().readNBytes(data.length);
    }

    @Test
    void forwardsBytesBothWaysIntact() throws IOException {
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        try (Socket s = connect()) {
            assertArrayEquals(data, roundTrip(s, data));
            assertEquals(1, proxy.accepted());
        }
    }

    @Test
    void cutAllResetsBothSides() throws Exception {
        try (Socket s = connect()) {
            assertArrayEquals(new byte[] {1, 2, 3}, roundTrip(s, new byte[] {1, 2, 3}));
            proxy.cutAll();
            assertTrue(echo.ended.tryAcquire(5, TimeUnit.SECONDS), "the server side was not closed");
            assertThrows(SocketException.class, () -> s.getInputStream().read(), "the client side got no reset");
            assertEquals(0, proxy.open());
        }
        try (Socket s = connect()) {
            assertArrayEquals(new byte[] {4}, roundTrip(s, new byte[] {4}), "new connections work after a cut");
        }
    }

    @Test
    void blackholeDropsTrafficButKeepsTheSocketOpen() throws IOException {
        try (Socket s = connect()) {
            assertArrayEquals(new byte[] {1}, roundTrip(s, new byte[] {1}));
            proxy.blackhole(true);
            s.setSoTimeout(300);
            s.getOutputStream().write(new byte[] {2, 2, 2});
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(), "traffic went through");
            assertEquals(1, proxy.open(), "the blackhole closed the connection");
            proxy.blackhole(false);
            s.setSoTimeout(5000);
            assertArrayEquals(new byte[] {3}, roundTrip(s, new byte[] {3}), "dropped bytes came back, or none flow");
        }
    }

    @Test
    void latencyDelaysEachDirection() throws IOException {
        proxy.latency(Duration.ofMillis(150));
        try (Socket s = connect()) {
            long start = System.nanoTime();
            assertArrayEquals(new byte[] {9, 8}, roundTrip(s, new byte[] {9, 8}));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 300, "round trip took only " + millis + " ms");
            proxy.latency(Duration.ZERO);
            byte[] big = new byte[100_000];
            new Random(2).nextBytes(big);
            assertArrayEquals(big, roundTrip(s, big), "order or content changed");
        }
    }

    @Test
    void refuseNewClosesNewConnectionsOnly() throws IOException {
        try (Socket old = connect()) {
            // The kernel completes a connect before the proxy accepts it: wait until old is served.
            assertArrayEquals(new byte[] {4}, roundTrip(old, new byte[] {4}));
            proxy.refuseNew(true);
            try (Socket s = connect()) {
                InputStream in = s.getInputStream();
                boolean refused;
                try {
                    refused = in.read() < 0;
                } catch (SocketException reset) {
                    refused = true;
                }
                assertTrue(refused, "a new connection was served");
            }
            assertArrayEquals(new byte[] {5}, roundTrip(old, new byte[] {5}), "an open connection was closed");
            proxy.refuseNew(false);
            try (Socket s = connect()) {
                assertArrayEquals(new byte[] {6}, roundTrip(s, new byte[] {6}));
            }
            assertEquals(3, proxy.accepted());
        }
    }
}

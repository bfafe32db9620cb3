package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.tests.tls.StalledPeer.Scheme;
import umqtt.api.internal.BoundedGoodbye;

/**
 * The goodbye a transport writes on close (close_notify, a WebSocket close frame) is cut off after
 * its bound when it blocks on a peer that stopped reading with no other writer in the way, as
 * when the last write filled the socket's buffers: the connection is closed under it.
 */
class BoundedGoodbyeTest {

    @Test
    void aGoodbyeStuckOnAStalledPeerIsCutAfterItsBound() throws Exception {
        try (StalledPeer peer = new StalledPeer(Scheme.TCP, false);
             Socket socket = new Socket("localhost", peer.uri().getPort())) {
            peer.awaitStalled();
            long start = System.nanoTime();
            // A goodbye far bigger than the socket buffers blocks for good on a peer that does not read.
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(IOException.class,
                    () -> BoundedGoodbye.run(() -> socket.getOutputStream().write(new byte[32 * 1024 * 1024]), socket)),
                    "the goodbye was never cut");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= BoundedGoodbye.MILLIS && millis < 1000, "cut after " + millis + " ms");
            assertTrue(socket.isClosed(), "the connection was closed under the write");
        }
    }

    @Test
    void aGoodbyeThatGoesOutLeavesTheConnectionOpen() throws Exception {
        try (StalledPeer peer = new StalledPeer(Scheme.TCP, false);
             Socket socket = new Socket("localhost", peer.uri().getPort())) {
            peer.awaitStalled();
            BoundedGoodbye.run(() -> socket.getOutputStream().write(new byte[24]), socket);
            // Nothing to await: the point is that nothing happens once the bound has passed.
            Thread.sleep(2 * BoundedGoodbye.MILLIS);
            assertFalse(socket.isClosed(), "the deadline was called off once the goodbye went out");
        }
    }
}

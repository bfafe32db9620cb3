package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.Transports;
import umqtt.simple.SimpleClient;
import umqtt.tests.tls.StalledPeer.Scheme;

/**
 * {@code close()} is the way to abort a client whose writer is stuck on a peer that stopped
 * reading: from another thread it returns within a second over every transport, and the stuck
 * writer fails with an {@link IOException}. Over TLS (and WebSocket over TLS) the close_notify
 * must not wait behind the stuck write; over WebSocket, neither may the close frame.
 */
class StuckWriterCloseTest {

    /** Far more than the socket buffers of a loopback connection hold (4 MiB + 128 KiB here). */
    private static final int BIG = 32 * 1024 * 1024;

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void transportCloseReturnsAtOnceWhileAnotherThreadIsStuckWriting(Scheme scheme) throws Exception {
        try (StalledPeer peer = new StalledPeer(scheme, false)) {
            Transport t = Transports.open(peer.uri(), new TransportOptions(Duration.ofSeconds(10),
                    TlsRoundTrip.trustingTestCa().build(), Map.of()));
            peer.awaitStalled();
            CompletableFuture<Throwable> writer = startWriter(() -> {
                t.output().write(new byte[BIG]);
                t.output().flush();
            });
            closeWithinOneSecond(t::close, writer);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Scheme.class, names = {"TCP", "TLS"})
    void clientCloseReturnsAtOnceWhilePublishIsStuck(Scheme scheme) throws Exception {
        try (StalledPeer peer = new StalledPeer(scheme, true)) {
            SimpleClient client = TlsRoundTrip.client(peer.uri(), TlsRoundTrip.trustingTestCa().build());
            client.connect(true);
            CompletableFuture<Throwable> writer = startWriter(
                    () -> client.publish("umqtt/stuck/" + UUID.randomUUID(), new byte[BIG], false, 0));
            closeWithinOneSecond(client::close, writer);
        }
    }

    private interface Write {
        void run() throws Exception;
    }

    private interface Close {
        void run() throws Exception;
    }

    /** Starts a thread that writes and waits until it is blocked in the socket's write. */
    private static CompletableFuture<Throwable> startWriter(Write write) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                write.run();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, "stuck-writer");
        t.setDaemon(true);
        t.start();
        awaitBlockedInSocketWrite(t, outcome);
        return outcome;
    }

    /**
     * Waits until the thread sits in the JDK's socket write with the same stack on two looks 50 ms
     * apart: the peer does not read, so its buffers are full and the write cannot go on.
     */
    private static void awaitBlockedInSocketWrite(Thread t, CompletableFuture<Throwable> outcome) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String previous = "";
        while (System.nanoTime() < deadline) {
            if (outcome.isDone()) {
                fail("the writer ended before it blocked: " + outcome.get());
            }
            String stack = Arrays.toString(t.getStackTrace());
            if (stack.contains("NioSocketImpl.implWrite") && stack.equals(previous)) {
                return;
            }
            previous = stack;
            Thread.sleep(50);
        }
        fail("the writer never blocked in a socket write; its stack: " + Arrays.toString(t.getStackTrace()));
    }

    private static void closeWithinOneSecond(Close close, CompletableFuture<Throwable> writer) throws Exception {
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            try {
                close.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "closer");
            t.setDaemon(true);
            t.start();
        });
        try {
            closed.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("close() did not return within 1 s while another thread was stuck writing");
        }
        Throwable failure = writer.get(5, TimeUnit.SECONDS);
        assertInstanceOf(IOException.class, failure, "the stuck writer fails with an IOException");
    }
}

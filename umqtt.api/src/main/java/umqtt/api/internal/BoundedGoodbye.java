package umqtt.api.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the goodbye of a connection (a TLS close_notify, a WebSocket close frame) with a deadline. The goodbye is a write,
 * and a write blocks while the peer has stopped reading and the socket's send buffer is full; when
 * it has not returned by the deadline, the connection is closed under it, which makes the write fail
 * at once. So closing never waits on a stalled peer for longer than {@link #MILLIS}.
 *
 * <p>The deadline is kept by the JDK's shared delay scheduler of {@link CompletableFuture} (one
 * daemon thread for the whole JVM, started on first use); no thread of our own.
 */
public final class BoundedGoodbye {

    /** How long the goodbye may take before the connection is closed under it. */
    public static final long MILLIS = 250;

    /** The goodbye: a write that may block. */
    public interface Write {
        /**
         * Writes the goodbye.
         *
         * @throws IOException when the write fails
         */
        void run() throws IOException;
    }

    private BoundedGoodbye() {
    }

    /**
     * Runs {@code goodbye}; closes {@code connection} if it is still running after {@link #MILLIS}.
     *
     * @param goodbye the write
     * @param connection what to close when the write is stuck
     * @throws IOException from the write (a stuck one fails once the connection is closed)
     */
    public static void run(Write goodbye, Closeable connection) throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.orTimeout(MILLIS, TimeUnit.MILLISECONDS).whenComplete((ignored, timedOut) -> {
            if (timedOut != null) {
                try {
                    connection.close();
                } catch (IOException e) {
                    // Closed anyway: the stuck write fails and the caller closes again.
                }
            }
        });
        try {
            goodbye.run();
        } finally {
            done.complete(null);
        }
    }
}

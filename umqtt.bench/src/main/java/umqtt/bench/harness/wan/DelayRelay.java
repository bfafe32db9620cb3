package umqtt.bench.harness.wan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay that behaves like a slow link: it listens on a free loopback port and, for
 * every connection it accepts, opens one to the target and forwards both directions, each chunk
 * delivered a fixed one-way delay after it arrived (plus its serialization time when a bandwidth
 * cap is set). Chunks are pipelined, not delayed one after the other: two chunks that arrive 1 ms
 * apart leave 1 ms apart. Order is kept per direction, and an end of stream is passed on (after
 * the delay) as a half close.
 *
 * <p>The relay terminates TCP on both sides, so the client's TCP sees a loopback peer (its
 * acknowledgements, Nagle's algorithm and window come back in microseconds); what the delay
 * models is the time the bytes take between the two ends, as through a proxy at the far end of a
 * WAN link.
 *
 * <p>Threads: one accepting, and two per direction per connection (a reader that stamps each
 * chunk with its due time, a writer that parks until then), so the two directions never wait for
 * each other. This is benchmark equipment, not library code.
 */
public final class DelayRelay implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long delayNanos;
    private final long bytesPerSecond;
    private final Set<RelayedConnection> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final Lateness.Meter lateness = new Lateness.Meter();
    private volatile boolean closed;

    private DelayRelay(InetSocketAddress target, Duration oneWayDelay, long bytesPerSecond) throws IOException {
        this.target = Objects.requireNonNull(target, "target");
        if (oneWayDelay.isNegative() || bytesPerSecond < 0) {
            throw new IllegalArgumentException("the delay (" + oneWayDelay + ") and the bandwidth (" + bytesPerSecond
                    + " B/s; 0 for none) must not be negative");
        }
        this.delayNanos = oneWayDelay.toNanos();
        this.bytesPerSecond = bytesPerSecond;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "delay-relay-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Starts a relay to {@code target}.
     *
     * @param target where each accepted connection is forwarded to
     * @param oneWayDelay added to every chunk in each direction (the round trip grows by twice it)
     * @param bytesPerSecond the bandwidth of each direction, 0 for no cap
     * @return the running relay; {@link #port()} is where clients connect
     * @throws IOException when no loopback port can be bound
     */
    public static DelayRelay start(InetSocketAddress target, Duration oneWayDelay, long bytesPerSecond)
            throws IOException {
        DelayRelay r = new DelayRelay(target, oneWayDelay, bytesPerSecond);
        r.acceptor.start();
        return r;
    }

    /**
     * The loopback port the relay listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * How many relayed connections are open.
     *
     * @return the count
     */
    public int openConnections() {
        return connections.size();
    }

    /**
     * How late chunks were delivered since the last call (or the start), then starts counting anew.
     *
     * @return the lateness of every chunk delivered meanwhile, both directions, all connections
     */
    public Lateness takeLateness() {
        return lateness.take();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                System.err.println("delay relay: cannot reach " + target + ": " + e.getMessage());
                quietClose(client);
                quietClose(upstream);
                continue;
            }
            RelayedConnection c = new RelayedConnection(client, upstream, delayNanos, bytesPerSecond, lateness,
                    connections::remove);
            connections.add(c);
            if (closed) {
                c.close();
            } else {
                c.start();
            }
        }
    }

    /** Stops accepting and closes every relayed connection at once (queued chunks are dropped). */
    @Override
    public void close() {
        closed = true;
        quietClose(server);
        for (RelayedConnection c : connections) {
            c.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void quietClose(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing: nothing left to do with it
        }
    }
}

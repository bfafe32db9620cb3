package umqtt.tests.robust;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fault-injecting TCP proxy for tests: it listens on a free loopback port and forwards every
 * connection to an upstream server (a broker), and on request cuts every connection with a TCP
 * reset, drops the traffic while keeping the sockets open (blackhole), delays the traffic
 * (latency), or refuses new connections. Each connection uses four threads: a reader and a writer
 * per direction (the writer holds chunks back until their latency has passed).
 */
public final class FaultProxy implements Closeable {

    private static final byte[] END = new byte[0];

    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong bytesToBroker = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean blackhole;
    private volatile boolean refuseNew;
    private volatile long latencyNanos;

    private FaultProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy-" + server.getLocalPort() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::acceptLoop);
    }

    /**
     * Starts a proxy to {@code host:port}.
     *
     * @param host the upstream host
     * @param port the upstream port
     * @return the running proxy
     * @throws IOException when no port is free
     */
    public static FaultProxy to(String host, int port) throws IOException {
        return new FaultProxy(new InetSocketAddress(Objects.requireNonNull(host, "host"), port));
    }

    /**
     * Starts a proxy to the host and port of an {@code mqtt://} or {@code tcp://} URI.
     *
     * @param broker the upstream URI, with a port
     * @return the running proxy
     * @throws IOException when no port is free
     */
    public static FaultProxy to(URI broker) throws IOException {
        return to(broker.getHost(), broker.getPort());
    }

    /** @return {@code mqtt://127.0.0.1:PORT} of the proxy */
    public URI uri() {
        return URI.create("mqtt://127.0.0.1:" + server.getLocalPort());
    }

    /** @return the port the proxy listens on */
    public int port() {
        return server.getLocalPort();
    }

    /** @return how many connections the proxy has accepted (refused ones included) */
    public int accepted() {
        return accepted.get();
    }

    /** @return how many bytes clients sent through the proxy towards the broker, over all connections */
    public long bytesToBroker() {
        return bytesToBroker.get();
    }

    /** @return how many connections are open now */
    public int open() {
        return links.size();
    }

    /** Closes every open connection with a TCP reset, on both sides. */
    public void cutAll() {
        for (Link link : links) {
            link.close(true);
        }
    }

    /**
     * Drops all traffic from now on (on) or forwards it again (off); sockets stay open either way.
     * Bytes dropped are gone: a blackholed connection is usually useless afterwards.
     *
     * @param on whether to drop traffic
     */
    public void blackhole(boolean on) {
        blackhole = on;
    }

    /**
     * Delays every chunk of traffic, in both directions, by this much (order is kept).
     *
     * @param latency zero for none
     */
    public void latency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative but was " + latency);
        }
        latencyNanos = latency.toNanos();
    }

    /**
     * Refuses new connections (accepted, then reset at once) or accepts them again.
     *
     * @param on whether to refuse
     */
    public void refuseNew(boolean on) {
        refuseNew = on;
    }

    /** Stops listening and resets every connection. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cutAll();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (refuseNew) {
                reset(client);
                continue;
            }
            threads.execute(() -> open(client));
        }
    }

    private void open(Socket client) {
        Socket broker = new Socket();
        try {
            broker.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            broker.connect(upstream, 5000);
        } catch (IOException e) {
            reset(client);
            reset(broker);
            return;
        }
        Link link = new Link(client, broker);
        links.add(link);
        if (server.isClosed()) {
            link.close(true);
            return;
        }
        link.start();
    }

    private static void reset(Socket s) {
        try {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0);
            }
        } catch (IOException ignored) {
            // close below anyway
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** A chunk of bytes and when it may be written; {@link #END} for end of stream. */
    private record Chunk(byte[] data, long due) {
    }

    /** One proxied connection: the client's socket and the broker's. */
    private final class Link {
        private final Socket client;
        private final Socket broker;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final BlockingQueue<Chunk> toBroker = new LinkedBlockingQueue<>();
        private final BlockingQueue<Chunk> toClient = new LinkedBlockingQueue<>();

        Link(Socket client, Socket broker) {
            this.client = client;
            this.broker = broker;
        }

        void start() {
            threads.execute(() -> read(client, toBroker));
            threads.execute(() -> write(toBroker, broker));
            threads.execute(() -> read(broker, toClient));
            threads.execute(() -> write(toClient, client));
        }

        private void read(Socket from, BlockingQueue<Chunk> queue) {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (!blackhole && n > 0) {
                        if (from == client) {
                            bytesToBroker.addAndGet(n);
                        }
                        queue.add(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + latencyNanos));
                    }
                }
                queue.add(new Chunk(END, System.nanoTime() + latencyNanos));
            } catch (IOException e) {
                close(true);
            }
        }

        private void write(BlockingQueue<Chunk> queue, Socket to) {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk c = queue.take();
                    if (closed.get()) {
                        return;
                    }
                    long wait;
                    while ((wait = c.due() - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                        if (Thread.interrupted()) {
                            throw new InterruptedException();
                        }
                    }
                    if (c.data() == END) {
                        close(false);
                        return;
                    }
                    out.write(c.data());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                close(true);
            }
        }

        /** Closes both sockets, with a reset when {@code abort}, otherwise gracefully (FIN). */
        void close(boolean abort) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            links.remove(this);
            // Wake the writers so that their threads end.
            toBroker.add(new Chunk(END, 0));
            toClient.add(new Chunk(END, 0));
            if (abort) {
                reset(client);
                reset(broker);
            } else {
                quietClose(client);
                quietClose(broker);
            }
        }

        private void quietClose(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }
}

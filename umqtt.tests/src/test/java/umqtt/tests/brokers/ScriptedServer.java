package umqtt.tests.brokers;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A fake MQTT server that a test scripts step by step, for faults no real broker produces on
 * request: malformed packets, a CONNACK or PINGRESP that never comes, a stalled socket.
 * It listens on a free loopback port and accepts connections on a background thread; the test
 * takes them with {@link #accept(Duration)} and then reads and sends raw bytes. The TLS variant
 * ({@link #startTls()}) also records the ALPN protocols and the SNI host name a client sent.
 *
 * <pre>{@code
 * try (ScriptedServer server = ScriptedServer.start()) {
 *     // ... client connects to server.uri() on another thread ...
 *     ScriptedServer.Connection c = server.accept(Duration.ofSeconds(5));
 *     assertEquals(1, c.read(Duration.ofSeconds(5)).type());   // CONNECT
 *     c.sendHex("20 02 00 00");                                // CONNACK accepted
 * }
 * }</pre>
 */
public final class ScriptedServer implements Closeable {

    private static final long ACCEPTOR_EXIT_MILLIS = 2_000;

    private final ServerSocket serverSocket;
    private final SSLContext tls;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private ScriptedServer(ServerSocket serverSocket, SSLContext tls) {
        this.serverSocket = serverSocket;
        this.tls = tls;
        this.acceptor = new Thread(this::acceptLoop, "scripted-server-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a server on a free port of 127.0.0.1.
     *
     * @return the listening server
     */
    public static ScriptedServer start() {
        return listen(null);
    }

    /**
     * Starts a TLS server on a free port of 127.0.0.1 with {@link TestPki#serverCert()}
     * (localhost, 127.0.0.1); each accepted connection completes its handshake in
     * {@link #accept(Duration)}.
     *
     * @return the listening server
     */
    public static ScriptedServer startTls() {
        return startTls(JsseContexts.server());
    }

    /**
     * Starts a TLS server on a free port of 127.0.0.1 with the given server context.
     *
     * @param context the server's TLS context (its key manager picks the certificate)
     * @return the listening server
     */
    public static ScriptedServer startTls(SSLContext context) {
        return listen(Objects.requireNonNull(context, "context"));
    }

    private static ScriptedServer listen(SSLContext tls) {
        try {
            return new ScriptedServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), tls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
    }

    /** @return {@code mqtt://127.0.0.1:PORT}, or {@code mqtts://127.0.0.1:PORT} for a TLS server */
    public URI uri() {
        return URI.create((tls == null ? "mqtt" : "mqtts") + "://127.0.0.1:" + port());
    }

    /** @return the port the server listens on */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * Waits for the next client connection.
     *
     * @param timeout how long to wait
     * @return the connection (for a TLS server, after a completed handshake)
     * @throws AssertionError when no client connected in time
     * @throws IOException when the TLS handshake fails (the client refused the server, say)
     * @throws InterruptedException when interrupted while waiting
     */
    public Connection accept(Duration timeout) throws IOException, InterruptedException {
        Socket socket = accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (socket == null) {
            throw new AssertionError("no client connected to " + uri() + " within " + timeout.toMillis() + " ms");
        }
        Connection connection = tls == null ? new Connection(socket) : Connection.handshake(socket, tls, timeout);
        connections.add(connection);
        return connection;
    }

    /** Stops listening (the port refuses connections once this returns) and closes every connection. */
    @Override
    public void close() {
        closeQuietly(serverSocket);
        try {
            // The listening socket is released only when the thread blocked in accept() has left it.
            acceptor.join(ACCEPTOR_EXIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection connection : connections) {
            connection.close();
        }
        for (Socket socket; (socket = accepted.poll()) != null; ) {
            closeQuietly(socket);
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                accepted.add(serverSocket.accept());
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    /** One accepted client connection, driven by the test's script. */
    public static final class Connection implements Closeable {

        private final Socket socket;
        private final InputStream in;
        private final List<String> alpnOffered;
        private final Optional<String> sniHostName;

        private Connection(Socket socket) {
            this(socket, List.of(), Optional.empty());
        }

        private Connection(Socket socket, List<String> alpnOffered, Optional<String> sniHostName) {
            this.socket = socket;
            this.alpnOffered = List.copyOf(alpnOffered);
            this.sniHostName = sniHostName;
            try {
                socket.setTcpNoDelay(true);
                this.in = socket.getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use the accepted socket", e);
            }
        }

        private static Connection handshake(Socket plain, SSLContext context, Duration timeout) throws IOException {
            SSLSocket socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
            socket.setUseClientMode(false);
            List<String> offered = new CopyOnWriteArrayList<>();
            // Select the client's first choice, as AWS IoT does for x-amzn-mqtt-ca; "" means no ALPN.
            socket.setHandshakeApplicationProtocolSelector((engine, protocols) -> {
                offered.addAll(protocols);
                return protocols.isEmpty() ? "" : protocols.get(0);
            });
            socket.setSoTimeout(timeoutMillis(timeout));
            try {
                socket.startHandshake();
            } catch (IOException e) {
                closeQuietly(socket);
                throw e;
            }
            Optional<String> sni = ((ExtendedSSLSession) socket.getSession()).getRequestedServerNames().stream()
                    .filter(SNIHostName.class::isInstance)
                    .map(name -> ((SNIHostName) name).getAsciiName())
                    .findFirst();
            return new Connection(socket, offered, sni);
        }

        /** @return the ALPN protocols the client offered, in its order (empty for plain TCP or no ALPN) */
        public List<String> alpnOffered() {
            return alpnOffered;
        }

        /** @return the SNI host name the client sent (empty for plain TCP, or none sent, as for IPs) */
        public Optional<String> sniHostName() {
            return sniHostName;
        }

        /**
         * Reads the next whole packet the client sent.
         *
         * @param timeout how long to wait for the packet to be complete
         * @return the packet
         * @throws AssertionError when no whole packet arrived in time
         * @throws IOException when the client closed the connection or reading failed
         */
        public RawPacket read(Duration timeout) throws IOException {
            socket.setSoTimeout(timeoutMillis(timeout));
            try {
                return RawPacket.readFrom(in);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the client sent no whole packet within " + timeout.toMillis() + " ms", e);
            }
        }

        /**
         * Sends raw bytes to the client, as they are.
         *
         * @param raw the bytes, e.g. a deliberately malformed packet
         * @throws IOException when writing fails
         */
        public void send(byte[] raw) throws IOException {
            Objects.requireNonNull(raw, "raw");
            socket.getOutputStream().write(raw);
            socket.getOutputStream().flush();
        }

        /**
         * Sends bytes written in hex, spaces allowed: {@code sendHex("20 02 00 00")}.
         *
         * @param hex the bytes in hex
         * @throws IOException when writing fails
         */
        public void sendHex(String hex) throws IOException {
            send(HexFormat.of().parseHex(Objects.requireNonNull(hex, "hex").replace(" ", "")));
        }

        /**
         * Waits until the client closes the connection (end of stream or reset). Bytes the client
         * sends meanwhile are read and discarded.
         *
         * @param timeout how long to wait
         * @return true when the client closed it, false when it was still open at the deadline
         * @throws IOException when reading fails for another reason
         */
        public boolean isClosedByPeer(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] discard = new byte[4096];
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                try {
                    if (in.read(discard) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                } catch (SocketException e) {
                    return true; // connection reset by the peer
                }
            }
        }

        /** @return the underlying socket, for what the script API does not cover */
        public Socket socket() {
            return socket;
        }

        /** Closes the connection from the server's side. */
        @Override
        public void close() {
            closeQuietly(socket);
        }

        private static int timeoutMillis(Duration timeout) {
            long millis = Math.max(1, timeout.toMillis());
            return (int) Math.min(millis, Integer.MAX_VALUE);
        }
    }
}

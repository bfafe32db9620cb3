package umqtt.tests.websocket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import umqtt.transport.websocket.frame.FrameHeader;
import umqtt.transport.websocket.frame.Masking;
import umqtt.transport.websocket.http.UpgradeRequest;

/**
 * A WebSocket server that does, on a loopback port, exactly what a test scripts: for what no
 * real broker does on request (fragmented frames, pings, a close frame, broken handshakes).
 * One connection; its handshake answer is scripted, then the test drives the frames.
 */
final class ScriptedWebSocketServer implements AutoCloseable {

    /** The answer a correct server gives to a request head. */
    static final Function<String, String> ACCEPT_MQTT = request -> switchingProtocols(request, "mqtt");

    private final ServerSocket server;
    private final boolean secure;
    private final CompletableFuture<Connection> connection = new CompletableFuture<>();

    /**
     * Starts the server; it accepts one connection and answers its upgrade request.
     *
     * @param answer the response head (with its blank line) for a request head
     */
    ScriptedWebSocketServer(Function<String, String> answer) throws IOException {
        this(answer, null);
    }

    /**
     * Starts the server, speaking TLS when a context is given (for {@code wss://}).
     *
     * @param answer the response head (with its blank line) for a request head
     * @param tls the server's TLS context, or null for plain TCP
     */
    ScriptedWebSocketServer(Function<String, String> answer, SSLContext tls) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        secure = tls != null;
        Thread t = new Thread(() -> {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                if (tls != null) {
                    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    s = ssl;
                }
                String request = readHead(s.getInputStream());
                String response = answer.apply(request);
                if (response != null) {
                    s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                }
                connection.complete(new Connection(s, request));
            } catch (IOException | RuntimeException e) {
                connection.completeExceptionally(e);
            }
        }, "scripted-websocket-server");
        t.setDaemon(true);
        t.start();
    }

    /** The port to connect to. */
    int port() {
        return server.getLocalPort();
    }

    /** The ws:// (or wss://) URI of the server, with a path. */
    String uri(String path) {
        return (secure ? "wss" : "ws") + "://127.0.0.1:" + port() + path;
    }

    /** The accepted connection, once its request was answered. */
    Connection connection() throws Exception {
        return connection.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
        connection.thenAccept(Connection::closeQuietly);
    }

    /** A correct 101 answer choosing {@code protocol} (none when null). */
    static String switchingProtocols(String request, String protocol) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + UpgradeRequest.acceptFor(header(request, "Sec-WebSocket-Key")) + "\r\n"
                + (protocol == null ? "" : "Sec-WebSocket-Protocol: " + protocol + "\r\n") + "\r\n";
    }

    /** A header's value in a request head, or null. */
    static String header(String head, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + ":[ \\t]*(.*?)\\r?$", Pattern.MULTILINE
                | Pattern.CASE_INSENSITIVE).matcher(head);
        return m.find() ? m.group(1) : null;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before ending its request head: " + head);
            }
            head.write(b);
            state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** One frame as the client sent it, unmasked. */
    record ClientFrame(boolean fin, int opcode, boolean masked, int maskKey, byte[] payload) {
        /** The close status in a close frame's payload. */
        int closeStatus() {
            return (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
        }
    }

    /** The server's side of the upgraded connection, driven by the test. */
    static final class Connection {
        private final Socket socket;
        private final String request;
        private final DataInputStream in;
        private final OutputStream out;

        Connection(Socket socket, String request) throws IOException {
            this.socket = socket;
            this.request = request;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            socket.setSoTimeout(10_000);
        }

        /** The client's request head. */
        String request() {
            return request;
        }

        /** Sets how long {@link #read()} waits. */
        void socketTimeout(int millis) throws IOException {
            socket.setSoTimeout(millis);
        }

        /** Sends an unmasked frame. */
        void send(boolean fin, int opcode, byte[] payload) throws IOException {
            sendRaw(frame(fin, opcode, payload));
        }

        /** Sends bytes as they are. */
        void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Reads one frame from the client and unmasks it. */
        ClientFrame read() throws IOException {
            byte[] head = new byte[FrameHeader.MAX_LENGTH];
            in.readFully(head, 0, 2);
            int extra = FrameHeader.length((head[1] & 0x7F) == 126 ? 126 : (head[1] & 0x7F) == 127 ? 65536 : 0,
                    (head[1] & 0x80) != 0) - 2;
            in.readFully(head, 2, extra);
            FrameHeader h = new FrameHeader();
            int n = h.decode(head, 0, 2 + extra);
            if (n != 2 + extra) {
                throw new IOException("could not decode the client's frame header");
            }
            byte[] payload = new byte[(int) h.payloadLength()];
            in.readFully(payload);
            if (h.masked()) {
                Masking.mask(payload, 0, payload.length, h.maskKey(), 0);
            }
            return new ClientFrame(h.fin(), h.opcode(), h.masked(), h.maskKey(), payload);
        }

        /** Whether the client closed the TCP connection (an end of stream or a reset within the socket timeout). */
        boolean clientClosedTcp() {
            try {
                return in.read() < 0;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // a reset: the client closed with our bytes unread
            }
        }

        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException e) {
                // Test teardown.
            }
        }
    }

    /** An unmasked server frame. */
    static byte[] frame(boolean fin, int opcode, byte[] payload) {
        byte[] f = new byte[FrameHeader.length(payload.length, false) + payload.length];
        int n = FrameHeader.encode(f, 0, fin, opcode, payload.length, false, 0);
        System.arraycopy(payload, 0, f, n, payload.length);
        return f;
    }

    /** A close frame's payload. */
    static byte[] closePayload(int status, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (status >>> 8);
        p[1] = (byte) status;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }
}

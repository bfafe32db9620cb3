package umqtt.tests.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import umqtt.tests.brokers.JsseContexts;
import umqtt.transport.websocket.http.UpgradeRequest;

/**
 * A peer that stops reading: it accepts one connection, completes what the scheme needs (the TLS
 * handshake of a JDK server, the WebSocket upgrade, optionally the MQTT CONNACK) and then never
 * reads again, holding the connection open. A client writing more than the socket buffers hold
 * then blocks in its write, as against a broker that hangs. No real broker does this on request.
 */
public final class StalledPeer implements AutoCloseable {

    /** What the peer speaks before it stalls. */
    public enum Scheme {
        /** Plain TCP, {@code tcp://}. */
        TCP,
        /** TLS with the test PKI's localhost certificate, {@code mqtts://}. */
        TLS,
        /** WebSocket over TCP, {@code ws://}. */
        WS,
        /** WebSocket over TLS, {@code wss://}. */
        WSS;

        boolean tls() {
            return this == TLS || this == WSS;
        }

        boolean webSocket() {
            return this == WS || this == WSS;
        }
    }

    private static final Pattern KEY = Pattern.compile("^Sec-WebSocket-Key:[ \\t]*(.*?)\\r?$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    private final Scheme scheme;
    private final ServerSocket server;
    private final CompletableFuture<Socket> stalled = new CompletableFuture<>();

    /**
     * Starts the peer.
     *
     * @param scheme what it speaks
     * @param connack whether it reads one MQTT CONNECT (TCP or TLS only) and accepts it first
     */
    public StalledPeer(Scheme scheme, boolean connack) throws IOException {
        if (connack && scheme.webSocket()) {
            throw new IllegalArgumentException("CONNACK is scripted over TCP and TLS only");
        }
        this.scheme = scheme;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> serve(connack), "stalled-peer");
        t.setDaemon(true);
        t.start();
    }

    /** @return the URI to connect to ({@code localhost}, which the test certificate names) */
    public URI uri() {
        String name = switch (scheme) {
            case TCP -> "tcp";
            case TLS -> "mqtts";
            case WS -> "ws";
            case WSS -> "wss";
        };
        return URI.create(name + "://localhost:" + server.getLocalPort() + (scheme.webSocket() ? "/mqtt" : ""));
    }

    /**
     * Waits until the peer has done its part and stopped reading.
     *
     * @throws Exception when it failed to get there within 10 s
     */
    public void awaitStalled() throws Exception {
        stalled.get(10, TimeUnit.SECONDS);
    }

    private void serve(boolean connack) {
        try {
            Socket s = server.accept();
            if (scheme.tls()) {
                SSLSocketFactory f = JsseContexts.server().getSocketFactory();
                SSLSocket tls = (SSLSocket) f.createSocket(s, null, s.getPort(), true);
                tls.setUseClientMode(false);
                tls.startHandshake();
                s = tls;
            }
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            if (scheme.webSocket()) {
                Matcher key = KEY.matcher(head(in));
                if (!key.find()) {
                    throw new IOException("no Sec-WebSocket-Key in the upgrade request");
                }
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + UpgradeRequest.acceptFor(key.group(1)) + "\r\n"
                        + "Sec-WebSocket-Protocol: mqtt\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            if (connack) {
                skipPacket(in);
                out.write(new byte[] {0x20, 0x02, 0x00, 0x00}); // CONNACK, no session, accepted
            }
            out.flush();
            stalled.complete(s);
        } catch (IOException | RuntimeException e) {
            stalled.completeExceptionally(e);
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed during its upgrade request");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one MQTT packet (fixed header, remaining length, body) and drops it. */
    private static void skipPacket(InputStream in) throws IOException {
        if (in.read() < 0) {
            throw new IOException("the client closed before its CONNECT");
        }
        long length = 0;
        for (int shift = 0, b = 0x80; (b & 0x80) != 0; shift += 7) {
            b = in.read();
            if (b < 0) {
                throw new IOException("the client closed in its CONNECT");
            }
            length |= (long) (b & 0x7F) << shift;
        }
        in.readNBytes((int) length);
    }

    @Override
    public void close() throws IOException {
        server.close();
        stalled.thenAccept(s -> {
            try {
                s.close();
            } catch (IOException e) {
                // Test teardown.
            }
        });
    }

    @Override
    public String toString() {
        return "stalled " + scheme.name().toLowerCase(Locale.ROOT) + " peer";
    }
}

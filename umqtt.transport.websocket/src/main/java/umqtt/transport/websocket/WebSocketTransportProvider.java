package umqtt.transport.websocket;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.TransportProvider;
import umqtt.api.spi.Transports;
import umqtt.transport.websocket.frame.InputBuffer;
import umqtt.transport.websocket.frame.MaskKeys;
import umqtt.transport.websocket.http.Handshake;
import umqtt.transport.websocket.http.UpgradeRequest;

/**
 * MQTT over WebSocket (RFC 6455, subprotocol {@code mqtt}) for {@code ws://} (default port 80)
 * and {@code wss://} (default port 443), e.g. {@code ws://broker.example:8080/mqtt}. The URI's
 * path ({@code /} when empty) and query form the request target.
 *
 * <p>The byte stream underneath comes from the transport SPI: {@code ws://host:port} opens
 * {@code tcp://host:port}, and {@code wss://host:port} opens {@code mqtts://host:port} with the
 * same {@link TransportOptions}, so the {@link umqtt.api.TlsOptions} (trusted CAs, client
 * certificates, host name verification) apply to {@code wss://} exactly as to {@code mqtts://}.
 * That needs the module {@code umqtt.transport.tls} on the module or class path; this module does
 * not require it.
 *
 * <p>The opening handshake sends {@link TransportOptions#headers()} as extra request headers (cloud
 * brokers take their authentication there), checks the status (101), {@code Sec-WebSocket-Accept}
 * and the chosen subprotocol, and must complete within the connect timeout. Then each flush of the
 * transport's output sends one masked binary frame; its input yields the payload bytes of the
 * server's binary frames, answers pings with pongs on the reading thread (no thread of its own)
 * and, for a client that only sends, after each frame it sends when the pings have already arrived,
 * and answers a close frame with a close frame before failing with an
 * {@link java.io.EOFException} that carries the server's status and reason. Closing the transport
 * sends a close frame (1000) and closes the connection, without waiting behind a write stuck on a
 * server that stopped reading.
 *
 * <p>Error messages name the endpoint as scheme, host, port and path only: user info and query
 * (which may hold a signed token) are never shown.
 */
public final class WebSocketTransportProvider implements TransportProvider {

    /** The default port of {@code ws://}. */
    public static final int WS_DEFAULT_PORT = 80;
    /** The default port of {@code wss://}. */
    public static final int WSS_DEFAULT_PORT = 443;
    /**
     * The default limit on the payload of one frame, and of one message: 268,435,460 bytes, the
     * largest MQTT packet (a 256 MiB remaining length plus its 5-byte fixed header). Payloads
     * stream through without being buffered whole, so the limit costs no memory; it only refuses
     * nonsense lengths early. The MQTT client applies its own, usually far smaller, packet limit.
     */
    public static final long DEFAULT_MAX_SIZE = 268_435_455L + 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final long maxFrameSize;
    private final long maxMessageSize;

    /** Creates the provider with the default limits; {@link java.util.ServiceLoader} does this too. */
    public WebSocketTransportProvider() {
        this(DEFAULT_MAX_SIZE, DEFAULT_MAX_SIZE);
    }

    /**
     * Creates a provider with other limits on what the server may send; a frame or message over
     * them fails the read with an {@link IOException} and closes the WebSocket with status 1009.
     *
     * @param maxFrameSize the largest frame payload accepted, in bytes; positive
     * @param maxMessageSize the largest message (all its fragments) accepted, in bytes; positive
     */
    public WebSocketTransportProvider(long maxFrameSize, long maxMessageSize) {
        if (maxFrameSize <= 0 || maxMessageSize <= 0) {
            throw new IllegalArgumentException("the frame and message size limits must be positive but were "
                    + maxFrameSize + " and " + maxMessageSize);
        }
        this.maxFrameSize = maxFrameSize;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("ws", "wss");
    }

    @Override
    public int defaultPort(String scheme) {
        return isSecure(Objects.requireNonNull(scheme, "scheme")) ? WSS_DEFAULT_PORT : WS_DEFAULT_PORT;
    }

    /**
     * Connects, upgrades to WebSocket, and returns the framed transport.
     *
     * @throws IOException when the connection or the upgrade fails; a refused upgrade names the
     *     HTTP status line, e.g. {@code HTTP/1.1 401 Unauthorized}
     * @throws IllegalArgumentException for a scheme other than {@code ws} or {@code wss}, a bad
     *     header in the options, or {@code wss://} without the module {@code umqtt.transport.tls}
     */
    @Override
    public Transport open(URI uri, TransportOptions options) throws IOException {
        Transports.checkServerUri(uri);
        Objects.requireNonNull(options, "options");
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes().contains(scheme)) {
            throw new IllegalArgumentException("server '" + Transports.redact(uri) + "' is not a "
                    + "WebSocket URI: write ws://host[:port][/path] or wss://host[:port][/path]");
        }
        boolean secure = isSecure(scheme);
        String host = Transports.host(uri);
        int port = Transports.port(uri, this);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String endpoint = scheme + "://" + host + ":" + port + path;
        String hostHeader = port == defaultPort(scheme) ? host : host + ":" + port;
        UpgradeRequest request = new UpgradeRequest(hostHeader, target, UpgradeRequest.newKey(RANDOM),
                options.headers());

        Transport underlying = openUnderlying(secure, host, port, options);
        try {
            InputBuffer buffer = new InputBuffer(underlying.input(), InputBuffer.DEFAULT_CAPACITY);
            Handshake.perform(underlying, buffer, request, endpoint, deadline, options.connectTimeout().toMillis());
            return new WebSocketTransport(underlying, buffer, new MaskKeys(RANDOM), endpoint, maxFrameSize,
                    maxMessageSize);
        } catch (IOException | RuntimeException e) {
            try {
                underlying.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Transport openUnderlying(boolean secure, String host, int port, TransportOptions options)
            throws IOException {
        String scheme = secure ? "mqtts" : "tcp";
        // The host comes from a checked server URI, so it is valid in one (an IPv6 literal keeps its brackets).
        URI uri = URI.create(scheme + "://" + host + ":" + port);
        TransportProvider provider;
        try {
            provider = Transports.provider(scheme);
        } catch (IllegalArgumentException e) {
            if (!secure) {
                throw e;
            }
            throw new IllegalArgumentException("wss:// needs the TLS transport: add the module umqtt.transport.tls "
                    + "to the module path or class path (" + e.getMessage() + ")", e);
        }
        return provider.open(uri, options);
    }

    private static boolean isSecure(String scheme) {
        return scheme.equalsIgnoreCase("wss");
    }
}

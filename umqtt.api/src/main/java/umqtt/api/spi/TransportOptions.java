package umqtt.api.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.LinkedHashMap;
import umqtt.api.TlsOptions;

/**
 * What a {@link TransportProvider} needs beyond the URI.
 *
 * @param connectTimeout the longest opening the transport may take (TCP connect plus any TLS or
 *     WebSocket handshake); positive
 * @param tls the TLS settings, used by TLS transports (the secure defaults when not configured)
 * @param headers extra request headers for transports that have them (WebSocket's HTTP upgrade,
 *     where cloud brokers expect authentication headers); empty for most
 */
public record TransportOptions(Duration connectTimeout, TlsOptions tls, Map<String, String> headers) {

    /** The connect timeout used when none is configured: 30 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Validates and copies the components.
     *
     * @param connectTimeout positive
     * @param tls the TLS settings
     * @param headers extra request headers (copied)
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public TransportOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(tls, "tls");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive but was " + connectTimeout);
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    }

    /**
     * The defaults: a 30 second connect timeout, default TLS settings, no headers.
     *
     * @return the default options
     */
    public static TransportOptions defaults() {
        return new TransportOptions(DEFAULT_CONNECT_TIMEOUT, TlsOptions.builder().build(), Map.of());
    }

    /**
     * A copy with another connect timeout.
     *
     * @param timeout the new timeout; positive
     * @return the new options
     */
    public TransportOptions withConnectTimeout(Duration timeout) {
        return new TransportOptions(timeout, tls, headers);
    }

    /**
     * The connect timeout in whole milliseconds, at least 1, capped at {@code Integer.MAX_VALUE}.
     *
     * @return the timeout for {@link java.net.Socket#connect(java.net.SocketAddress, int)}
     */
    public int connectTimeoutMillis() {
        long ms = Math.max(1, connectTimeout.toMillis());
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}

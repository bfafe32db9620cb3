package umqtt.transport.tls;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.TransportProvider;
import umqtt.api.spi.Transports;
import umqtt.transport.tls.internal.TlsConnector;

/**
 * TLS for {@code mqtts://}, {@code ssl://} and {@code tls://} (default port 8883) through
 * BouncyCastle: TLS 1.3 and 1.2, the server verified by chain and host name, mutual TLS, TLS-PSK
 * and ALPN as set in {@link umqtt.api.TlsOptions}.
 *
 * <p>Found by {@link java.util.ServiceLoader}, or constructed directly and handed to a client.
 */
public final class TlsTransportProvider implements TransportProvider {

    /** The default port of MQTT over TLS, 8883. */
    public static final int DEFAULT_PORT = 8883;

    /** Creates the provider; {@link java.util.ServiceLoader} does this too. */
    public TlsTransportProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("mqtts", "ssl", "tls");
    }

    @Override
    public int defaultPort(String scheme) {
        return DEFAULT_PORT;
    }

    /**
     * Connects, completes the TLS handshake and verifies the server, within
     * {@code options.connectTimeout()}.
     *
     * @param uri the server, {@code mqtts://host[:port]}
     * @param options the connect timeout and the TLS settings
     * @return the connected transport
     * @throws IOException when the connection or the handshake fails; an
     *     {@link javax.net.ssl.SSLHandshakeException} says which check failed (untrusted chain,
     *     expired certificate, host name mismatch, refused PSK or client certificate, a server
     *     that does not speak TLS) and what to do; a file of the options that cannot be read is
     *     named
     */
    @Override
    public Transport open(URI uri, TransportOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        Transports.checkServerUri(uri);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes().contains(scheme)) {
            throw new IllegalArgumentException("scheme '" + scheme + "' is not TLS: this provider opens "
                    + String.join("://, ", schemes()) + "://");
        }
        String host = Transports.host(uri);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return TlsConnector.open(host, Transports.port(uri, this), options);
    }

    @Override
    public String toString() {
        return "TLS transport (mqtts, ssl, tls) by umqtt.transport.tls";
    }
}

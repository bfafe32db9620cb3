/**
 * TLS for umqtt: the {@code mqtts://}, {@code ssl://} and {@code tls://} schemes (default port
 * 8883) through BouncyCastle's TLS API. TLS 1.3 and 1.2 only; the server's chain is verified
 * against the CA file of {@link umqtt.api.TlsOptions} or the JDK's trust store, and its host name
 * against the certificate's subject alternative names; mutual TLS, TLS-PSK and ALPN as configured.
 *
 * <p>Found by {@link java.util.ServiceLoader} when on the module or class path; never required
 * by the core. BouncyCastle is used through explicit objects and never registered as a global
 * JCA provider.
 *
 * @provides umqtt.api.spi.TransportProvider the TLS transport for {@code mqtts://},
 *     {@code ssl://} and {@code tls://}
 */
module umqtt.transport.tls {
    requires transitive umqtt.api;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.tls;

    exports umqtt.transport.tls;

    provides umqtt.api.spi.TransportProvider with umqtt.transport.tls.TlsTransportProvider;
}

/**
 * The TLS transport: {@link umqtt.transport.tls.TlsTransportProvider} opens {@code mqtts://},
 * {@code ssl://} and {@code tls://} connections through BouncyCastle's TLS API, configured by
 * {@link umqtt.api.TlsOptions}. Applications rarely use it directly: putting this module on the
 * module or class path is enough for {@link umqtt.api.spi.Transports} to find it.
 */
package umqtt.transport.tls;

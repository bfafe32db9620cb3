/**
 * The umqtt client contract: {@link umqtt.api.MqttClient}, {@link umqtt.api.Message},
 * {@link umqtt.api.MqttException}, {@link umqtt.api.TlsOptions}, and the transport SPI in
 * {@link umqtt.api.spi}.
 *
 * <p>Transports are found, not wired: {@link umqtt.api.spi.Transports} maps a URI scheme to a
 * {@link umqtt.api.spi.TransportProvider} discovered with {@link java.util.ServiceLoader}. This
 * module ships the plain TCP provider for {@code mqtt://} and {@code tcp://}; TLS and WebSocket
 * come from {@code umqtt.transport.tls} and {@code umqtt.transport.websocket} when they are on
 * the module or class path.
 *
 * @uses umqtt.api.spi.TransportProvider
 * @provides umqtt.api.spi.TransportProvider the TCP transport for {@code mqtt://} and {@code tcp://}
 */
module umqtt.api {
    exports umqtt.api;
    exports umqtt.api.spi;
    exports umqtt.api.internal to umqtt.simple, umqtt.mqtt5, umqtt.robust, umqtt.transport.tls, umqtt.transport.websocket;

    uses umqtt.api.spi.TransportProvider;
    provides umqtt.api.spi.TransportProvider with umqtt.api.spi.TcpTransportProvider;
}

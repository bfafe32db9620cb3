/**
 * MQTT over WebSocket (RFC 6455, subprotocol {@code mqtt}) for {@code ws://} and {@code wss://}:
 * our own framing over the byte stream of the transport SPI, so no thread of its own and the
 * same {@link umqtt.api.TlsOptions} as {@code mqtts://}. {@code wss://} uses whatever provider
 * opens {@code mqtts://} (the module {@code umqtt.transport.tls}), found at run time, never
 * required.
 *
 * @provides umqtt.api.spi.TransportProvider the WebSocket transport for {@code ws://} and {@code wss://}
 */
module umqtt.transport.websocket {
    requires umqtt.api;

    exports umqtt.transport.websocket;

    provides umqtt.api.spi.TransportProvider with umqtt.transport.websocket.WebSocketTransportProvider;
}

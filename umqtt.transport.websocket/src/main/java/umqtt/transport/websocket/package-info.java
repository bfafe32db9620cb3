/**
 * MQTT over WebSocket: {@link umqtt.transport.websocket.WebSocketTransportProvider} opens
 * {@code ws://} and {@code wss://} URIs.
 *
 * <p>Why our own RFC 6455 framing rather than {@code java.net.http.WebSocket}: the JDK client
 * opens its own TLS (so {@code wss://} could not use {@link umqtt.api.TlsOptions}, the
 * BouncyCastle provider, PSK or our host name checks), is asynchronous, and brings its own
 * threads, where umqtt is blocking and thread-free. Measured against Mosquitto's and HiveMQ CE's
 * ws listeners (connect, 1000 QoS 0 publishes and a ping, 1000 QoS 1 publishes each awaiting its
 * PUBACK; JDK 17, warm): our transport started 0 threads and its harness allocated 0.4 MB, the
 * JDK client started 4 to 5 threads per connection (HttpClient selector and executor) and
 * allocated at least 2.2 MB in the threads still alive; times were alike, within the noise of
 * the brokers' own scheduling.
 */
package umqtt.transport.websocket;

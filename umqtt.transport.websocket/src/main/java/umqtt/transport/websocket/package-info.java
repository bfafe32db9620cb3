/**
 * MQTT over WebSocket: {@link umqtt.transport.websocket.WebSocketTransportProvider} opens
 * {@code ws://} and {@code wss://} URIs.
 */
package umqtt.transport.websocket;

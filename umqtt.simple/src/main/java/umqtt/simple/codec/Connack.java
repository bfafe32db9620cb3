package umqtt.simple.codec;

/**
 * The server's answer to CONNECT.
 *
 * @param sessionPresent whether the server kept a session for this client
 * @param returnCode 0 accepted, 1..5 refused (MQTT 3.1.1 §3.2.2.3)
 */
public record Connack(boolean sessionPresent, int returnCode) {
}

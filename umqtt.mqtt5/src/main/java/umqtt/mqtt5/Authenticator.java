package umqtt.mqtt5;

import umqtt.api.MqttException;

/**
 * Enhanced authentication (MQTT 5.0, 4.12): the client names a method in CONNECT, then the
 * server and client exchange AUTH packets until the server answers CONNACK (or, when the client
 * re-authenticates, AUTH with reason Success). An authenticator holds the state of one exchange;
 * {@link #initialData()} starts a new one.
 *
 * <p>{@link ScramSha256} is the one shipped; a method of your own is one class.
 */
public interface Authenticator {

    /** @return the authentication method, e.g. {@code "SCRAM-SHA-256"} (the Authentication Method property) */
    String method();

    /**
     * Starts an exchange (CONNECT, or AUTH with reason Re-authenticate).
     *
     * @return the Authentication Data to send, or null to send none
     */
    byte[] initialData();

    /**
     * Answers the server's AUTH with reason Continue authentication (0x18).
     *
     * @param serverData the Authentication Data the server sent (empty when none)
     * @return the Authentication Data of the client's AUTH answer, or null for none
     * @throws MqttException when the server's data is wrong; the client then disconnects with that
     *     exception's reason code (e.g. 0x87 Not authorized)
     */
    byte[] challenge(byte[] serverData) throws MqttException;

    /**
     * Checks the server's last word: the Authentication Data of its successful CONNACK or AUTH
     * (reason Success). SCRAM verifies the server's signature here.
     *
     * @param serverData the data (empty when none)
     * @throws MqttException when the server failed to prove itself; the client disconnects
     */
    void success(byte[] serverData) throws MqttException;
}

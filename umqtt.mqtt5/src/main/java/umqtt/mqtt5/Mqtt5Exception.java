package umqtt.mqtt5;

import java.util.List;
import umqtt.api.MqttException;

/**
 * An MQTT 5 reason code of 0x80 or above from the server (a refused CONNECT, PUBLISH, SUBSCRIBE
 * or UNSUBSCRIBE, or a DISCONNECT the server sent), or one the client sends when it closes the
 * link for a protocol violation: {@link #code()} is the reason code, the message names it, adds the
 * server's Reason String and says what to do.
 */
public class Mqtt5Exception extends MqttException {

    private static final long serialVersionUID = 1L;

    private final String reasonString;
    private final transient List<UserProperty> userProperties;
    private final String serverReference;

    /**
     * @param reasonCode the reason code
     * @param message what happened and what to do
     * @param reasonString the server's Reason String, or null
     * @param userProperties the server's User Properties (empty when none)
     * @param serverReference the Server Reference of a CONNACK or DISCONNECT, or null
     */
    public Mqtt5Exception(int reasonCode, String message, String reasonString, List<UserProperty> userProperties,
            String serverReference) {
        super(reasonCode, message);
        this.reasonString = reasonString;
        this.userProperties = List.copyOf(userProperties);
        this.serverReference = serverReference;
    }

    /** @return the Reason String the server sent, or null */
    public String reasonString() {
        return reasonString;
    }

    /** @return the User Properties the server sent with the reason */
    public List<UserProperty> userProperties() {
        return userProperties == null ? List.of() : userProperties;
    }

    /** @return the Server Reference (another server to use, reason 0x9C or 0x9D), or null */
    public String serverReference() {
        return serverReference;
    }
}

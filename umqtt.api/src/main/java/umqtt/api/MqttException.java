package umqtt.api;

import java.io.IOException;

/**
 * A protocol failure: the broker refused something, or sent what MQTT 3.1.1 does not allow.
 *
 * <p>{@link #code()} is the CONNACK return code verbatim for a refused connection (1-5), 0x80 for
 * a refused subscription, and otherwise the MQTT 5 reason code that names the failure
 * ({@link #MALFORMED_PACKET}, {@link #PROTOCOL_ERROR}, {@link #PACKET_TOO_LARGE}). It extends
 * {@link IOException} so that an I/O signature covers it; retrying code should test for it first,
 * since retrying a refusal rarely helps.
 */
public class MqttException extends IOException {

    private static final long serialVersionUID = 1L;

    /** CONNACK 1: the broker does not speak MQTT 3.1.1 (protocol level 4). */
    public static final int UNACCEPTABLE_PROTOCOL_VERSION = 1;
    /** CONNACK 2: the client identifier is not allowed. */
    public static final int IDENTIFIER_REJECTED = 2;
    /** CONNACK 3: the MQTT service is unavailable. */
    public static final int SERVER_UNAVAILABLE = 3;
    /** CONNACK 4: the user name or password is wrong. */
    public static final int BAD_USER_NAME_OR_PASSWORD = 4;
    /** CONNACK 5: the client is not authorized to connect. */
    public static final int NOT_AUTHORIZED = 5;
    /** SUBACK 0x80: the broker refused the subscription. */
    public static final int SUBSCRIPTION_REFUSED = 0x80;
    /** A packet that does not follow the MQTT 3.1.1 encoding rules (MQTT 5 reason code 0x81). */
    public static final int MALFORMED_PACKET = 0x81;
    /** A well-formed packet that is not allowed at this point (MQTT 5 reason code 0x82). */
    public static final int PROTOCOL_ERROR = 0x82;
    /** A packet larger than the configured maximum (MQTT 5 reason code 0x95). */
    public static final int PACKET_TOO_LARGE = 0x95;

    private final int code;

    /**
     * Creates an exception with a code and a sentence that says what happened.
     *
     * @param code the code, see the constants
     * @param message what happened and, where it helps, what to do
     */
    public MqttException(int code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * The CONNACK return code (1-5), the SUBACK failure code (0x80), or the MQTT 5 reason code of
     * the failure.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * A protocol error: the server sent a packet that is well formed but wrong where it came.
     *
     * @param what what the server did, as a sentence fragment
     * @return an exception with code {@link #PROTOCOL_ERROR}
     */
    public static MqttException protocolError(String what) {
        return new MqttException(PROTOCOL_ERROR, "protocol error: " + what);
    }

    /**
     * The exception for a CONNACK return code other than 0, with the meaning spelled out, e.g.
     * "connection refused: not authorized (5)".
     *
     * @param returnCode the CONNACK return code, 1-255
     * @return the exception to throw
     */
    public static MqttException connectionRefused(int returnCode) {
        String reason = switch (returnCode) {
            case UNACCEPTABLE_PROTOCOL_VERSION -> "unacceptable protocol version";
            case IDENTIFIER_REJECTED -> "identifier rejected";
            case SERVER_UNAVAILABLE -> "server unavailable";
            case BAD_USER_NAME_OR_PASSWORD -> "bad user name or password";
            case NOT_AUTHORIZED -> "not authorized";
            default -> "unknown return code";
        };
        return new MqttException(returnCode, "connection refused: " + reason + " (" + returnCode + ")");
    }
}

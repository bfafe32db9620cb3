package umqtt.mqtt5;

/**
 * The MQTT 5 reason codes (MQTT 5.0, 2.4) and their names. A code below 0x80 is a success;
 * 0x80 and above is a failure.
 */
public final class ReasonCode {

    public static final int SUCCESS = 0x00;
    /** SUBACK: granted QoS 0 (same value as {@link #SUCCESS}). */
    public static final int GRANTED_QOS_0 = 0x00;
    public static final int GRANTED_QOS_1 = 0x01;
    public static final int GRANTED_QOS_2 = 0x02;
    /** DISCONNECT: normal disconnection (same value as {@link #SUCCESS}). */
    public static final int NORMAL_DISCONNECTION = 0x00;
    public static final int DISCONNECT_WITH_WILL_MESSAGE = 0x04;
    public static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    public static final int NO_SUBSCRIPTION_EXISTED = 0x11;
    public static final int CONTINUE_AUTHENTICATION = 0x18;
    public static final int RE_AUTHENTICATE = 0x19;
    public static final int UNSPECIFIED_ERROR = 0x80;
    public static final int MALFORMED_PACKET = 0x81;
    public static final int PROTOCOL_ERROR = 0x82;
    public static final int IMPLEMENTATION_SPECIFIC_ERROR = 0x83;
    public static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;
    public static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;
    public static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    public static final int NOT_AUTHORIZED = 0x87;
    public static final int SERVER_UNAVAILABLE = 0x88;
    public static final int SERVER_BUSY = 0x89;
    public static final int BANNED = 0x8A;
    public static final int SERVER_SHUTTING_DOWN = 0x8B;
    public static final int BAD_AUTHENTICATION_METHOD = 0x8C;
    public static final int KEEP_ALIVE_TIMEOUT = 0x8D;
    public static final int SESSION_TAKEN_OVER = 0x8E;
    public static final int TOPIC_FILTER_INVALID = 0x8F;
    public static final int TOPIC_NAME_INVALID = 0x90;
    public static final int PACKET_IDENTIFIER_IN_USE = 0x91;
    public static final int PACKET_IDENTIFIER_NOT_FOUND = 0x92;
    public static final int RECEIVE_MAXIMUM_EXCEEDED = 0x93;
    public static final int TOPIC_ALIAS_INVALID = 0x94;
    public static final int PACKET_TOO_LARGE = 0x95;
    public static final int MESSAGE_RATE_TOO_HIGH = 0x96;
    public static final int QUOTA_EXCEEDED = 0x97;
    public static final int ADMINISTRATIVE_ACTION = 0x98;
    public static final int PAYLOAD_FORMAT_INVALID = 0x99;
    public static final int RETAIN_NOT_SUPPORTED = 0x9A;
    public static final int QOS_NOT_SUPPORTED = 0x9B;
    public static final int USE_ANOTHER_SERVER = 0x9C;
    public static final int SERVER_MOVED = 0x9D;
    public static final int SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = 0x9E;
    public static final int CONNECTION_RATE_EXCEEDED = 0x9F;
    public static final int MAXIMUM_CONNECT_TIME = 0xA0;
    public static final int SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED = 0xA1;
    public static final int WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED = 0xA2;

    private ReasonCode() {
    }

    /** @return true for 0x80 and above */
    public static boolean isFailure(int code) {
        return code >= 0x80;
    }

    /**
     * @param code a reason code
     * @return its name in the standard, e.g. "Not authorized"; for 0x00 to 0x02, whose meaning
     *     depends on the packet, "Success"/"Granted QoS n"; "reason 0xNN" for a code the standard
     *     does not define
     */
    public static String name(int code) {
        String name = code >= 0 && code < NAMES.length ? NAMES[code] : null;
        return name != null ? name : String.format("reason 0x%02X", code);
    }

    /** The standard's names (MQTT 5.0, 2.4, Table 2-6), by code. */
    private static final String[] NAMES = new String[0xA3];

    static {
        for (String line : """
            00 Success
            01 Granted QoS 1
            02 Granted QoS 2
            04 Disconnect with Will Message
            10 No matching subscribers
            11 No subscription existed
            18 Continue authentication
            19 Re-authenticate
            80 Unspecified error
            81 Malformed Packet
            82 Protocol Error
            83 Implementation specific error
            84 Unsupported Protocol Version
            85 Client Identifier not valid
            86 Bad User Name or Password
            87 Not authorized
            88 Server unavailable
            89 Server busy
            8A Banned
            8B Server shutting down
            8C Bad authentication method
            8D Keep Alive timeout
            8E Session taken over
            8F Topic Filter invalid
            90 Topic Name invalid
            91 Packet Identifier in use
            92 Packet Identifier not found
            93 Receive Maximum exceeded
            94 Topic Alias invalid
            95 Packet too large
            96 Message rate too high
            97 Quota exceeded
            98 Administrative action
            99 Payload format invalid
            9A Retain not supported
            9B QoS not supported
            9C Use another server
            9D Server moved
            9E Shared Subscriptions not supported
            9F Connection rate exceeded
            A0 Maximum connect time
            A1 Subscription Identifiers not supported
            A2 Wildcard Subscriptions not supported
            """.split("\n")) {
            NAMES[Integer.parseInt(line, 0, 2, 16)] = line.substring(3);
        }
    }
}

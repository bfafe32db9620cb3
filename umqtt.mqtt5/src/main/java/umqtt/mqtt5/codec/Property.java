package umqtt.mqtt5.codec;

import umqtt.api.MqttException;

/**
 * The MQTT 5 property identifiers (MQTT 5.0, 2.2.2.2): each one's wire type and the packets that
 * may carry it. {@link #WILL} stands for the Will Properties of a CONNECT.
 */
public final class Property {

    /** A pseudo packet type for the Will Properties in CONNECT's payload (real types are 1 to 15). */
    public static final int WILL = 0;

    /** Wire type: one byte. */
    public static final int BYTE = 1;
    /** Wire type: two-byte integer. */
    public static final int TWO = 2;
    /** Wire type: four-byte integer. */
    public static final int FOUR = 3;
    /** Wire type: variable byte integer. */
    public static final int VBI = 4;
    /** Wire type: UTF-8 encoded string. */
    public static final int STRING = 5;
    /** Wire type: binary data. */
    public static final int BINARY = 6;
    /** Wire type: UTF-8 string pair. */
    public static final int PAIR = 7;

    public static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    public static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    public static final int CONTENT_TYPE = 0x03;
    public static final int RESPONSE_TOPIC = 0x08;
    public static final int CORRELATION_DATA = 0x09;
    public static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    public static final int SESSION_EXPIRY_INTERVAL = 0x11;
    public static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    public static final int SERVER_KEEP_ALIVE = 0x13;
    public static final int AUTHENTICATION_METHOD = 0x15;
    public static final int AUTHENTICATION_DATA = 0x16;
    public static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    public static final int WILL_DELAY_INTERVAL = 0x18;
    public static final int REQUEST_RESPONSE_INFORMATION = 0x19;
    public static final int RESPONSE_INFORMATION = 0x1A;
    public static final int SERVER_REFERENCE = 0x1C;
    public static final int REASON_STRING = 0x1F;
    public static final int RECEIVE_MAXIMUM = 0x21;
    public static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    public static final int TOPIC_ALIAS = 0x23;
    public static final int MAXIMUM_QOS = 0x24;
    public static final int RETAIN_AVAILABLE = 0x25;
    public static final int USER_PROPERTY = 0x26;
    public static final int MAXIMUM_PACKET_SIZE = 0x27;
    public static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
    public static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
    public static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    /** The largest identifier defined. */
    public static final int MAX_ID = 0x2A;

    private static final int CONNECT = 1 << 1;
    private static final int CONNACK = 1 << 2;
    private static final int PUBLISH = 1 << 3;
    private static final int ACKS = 0b1111 << 4; // PUBACK, PUBREC, PUBREL, PUBCOMP
    private static final int SUBSCRIBE = 1 << 8;
    private static final int SUBACK = 1 << 9;
    private static final int UNSUBSCRIBE = 1 << 10;
    private static final int UNSUBACK = 1 << 11;
    private static final int DISCONNECT = 1 << 14;
    private static final int AUTH = 1 << 15;
    private static final int WILL_PROPS = 1;

    private static final int[] TYPE = new int[MAX_ID + 1];
    private static final int[] ALLOWED = new int[MAX_ID + 1];
    private static final String[] NAME = new String[MAX_ID + 1];

    static {
        define(PAYLOAD_FORMAT_INDICATOR, BYTE, PUBLISH | WILL_PROPS, "Payload Format Indicator");
        define(MESSAGE_EXPIRY_INTERVAL, FOUR, PUBLISH | WILL_PROPS, "Message Expiry Interval");
        define(CONTENT_TYPE, STRING, PUBLISH | WILL_PROPS, "Content Type");
        define(RESPONSE_TOPIC, STRING, PUBLISH | WILL_PROPS, "Response Topic");
        define(CORRELATION_DATA, BINARY, PUBLISH | WILL_PROPS, "Correlation Data");
        define(SUBSCRIPTION_IDENTIFIER, VBI, PUBLISH | SUBSCRIBE, "Subscription Identifier");
        define(SESSION_EXPIRY_INTERVAL, FOUR, CONNECT | CONNACK | DISCONNECT, "Session Expiry Interval");
        define(ASSIGNED_CLIENT_IDENTIFIER, STRING, CONNACK, "Assigned Client Identifier");
        define(SERVER_KEEP_ALIVE, TWO, CONNACK, "Server Keep Alive");
        define(AUTHENTICATION_METHOD, STRING, CONNECT | CONNACK | AUTH, "Authentication Method");
        define(AUTHENTICATION_DATA, BINARY, CONNECT | CONNACK | AUTH, "Authentication Data");
        define(REQUEST_PROBLEM_INFORMATION, BYTE, CONNECT, "Request Problem Information");
        define(WILL_DELAY_INTERVAL, FOUR, WILL_PROPS, "Will Delay Interval");
        define(REQUEST_RESPONSE_INFORMATION, BYTE, CONNECT, "Request Response Information");
        define(RESPONSE_INFORMATION, STRING, CONNACK, "Response Information");
        define(SERVER_REFERENCE, STRING, CONNACK | DISCONNECT, "Server Reference");
        define(REASON_STRING, STRING, CONNACK | ACKS | SUBACK | UNSUBACK | DISCONNECT | AUTH, "Reason String");
        define(RECEIVE_MAXIMUM, TWO, CONNECT | CONNACK, "Receive Maximum");
        define(TOPIC_ALIAS_MAXIMUM, TWO, CONNECT | CONNACK, "Topic Alias Maximum");
        define(TOPIC_ALIAS, TWO, PUBLISH, "Topic Alias");
        define(MAXIMUM_QOS, BYTE, CONNACK, "Maximum QoS");
        define(RETAIN_AVAILABLE, BYTE, CONNACK, "Retain Available");
        define(USER_PROPERTY, PAIR, CONNECT | CONNACK | PUBLISH | WILL_PROPS | ACKS | SUBSCRIBE | SUBACK | UNSUBSCRIBE
                | UNSUBACK | DISCONNECT | AUTH, "User Property");
        define(MAXIMUM_PACKET_SIZE, FOUR, CONNECT | CONNACK, "Maximum Packet Size");
        define(WILDCARD_SUBSCRIPTION_AVAILABLE, BYTE, CONNACK, "Wildcard Subscription Available");
        define(SUBSCRIPTION_IDENTIFIER_AVAILABLE, BYTE, CONNACK, "Subscription Identifier Available");
        define(SHARED_SUBSCRIPTION_AVAILABLE, BYTE, CONNACK, "Shared Subscription Available");
    }

    private Property() {
    }

    private static void define(int id, int type, int allowed, String name) {
        TYPE[id] = type;
        ALLOWED[id] = allowed;
        NAME[id] = name;
    }

    /**
     * @param id a property identifier
     * @return its wire type ({@link #BYTE} ... {@link #PAIR}), or 0 when the identifier is undefined
     */
    public static int type(int id) {
        return id > 0 && id <= MAX_ID ? TYPE[id] : 0;
    }

    /**
     * @param id a property identifier
     * @param packetType 1 to 15, or {@link #WILL}
     * @return whether that packet may carry it
     */
    public static boolean allowed(int id, int packetType) {
        return type(id) != 0 && (ALLOWED[id] & 1 << packetType) != 0;
    }

    /**
     * @param id a property identifier
     * @return whether it may appear more than once in {@code packetType}: User Property anywhere,
     *     Subscription Identifier in PUBLISH (MQTT 5.0, 2.2.2.2 and 3.3.2.3.8)
     */
    public static boolean repeatable(int id, int packetType) {
        return id == USER_PROPERTY || id == SUBSCRIPTION_IDENTIFIER && packetType == 3;
    }

    /**
     * @param id a property identifier
     * @return its name in the standard, or "property 0xNN"
     */
    public static String name(int id) {
        return type(id) != 0 ? NAME[id] : String.format("property 0x%02X", id);
    }

    /**
     * @param id a property identifier
     * @return whether its value is secret (Authentication Data): never shown in messages
     */
    public static boolean secret(int id) {
        return id == AUTHENTICATION_DATA;
    }

    /** Checks the values a property may not take, each a Protocol Error (0x82) by the standard's text. */
    static void checkValue(int id, long v, String packet) throws MqttException {
        String rule = switch (id) {
            case PAYLOAD_FORMAT_INDICATOR, REQUEST_PROBLEM_INFORMATION,
                    REQUEST_RESPONSE_INFORMATION, RETAIN_AVAILABLE,
                    WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIER_AVAILABLE,
                    SHARED_SUBSCRIPTION_AVAILABLE, MAXIMUM_QOS -> v > 1 ? "must be 0 or 1" : null;
            case RECEIVE_MAXIMUM, MAXIMUM_PACKET_SIZE -> v == 0 ? "must not be 0" : null;
            default -> null;
        };
        if (rule != null) {
            throw Faults.protocol(packet + " " + name(id) + " " + rule + " but was " + v + " (MQTT 5.0, 2.2.2.2)");
        }
    }
}

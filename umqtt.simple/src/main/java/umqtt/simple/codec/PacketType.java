package umqtt.simple.codec;

/** The MQTT 3.1.1 control packet types (the high nibble of the fixed header's first byte). */
public final class PacketType {
    /** Client request to connect. */
    public static final int CONNECT = 1;
    /** Connect acknowledgement. */
    public static final int CONNACK = 2;
    /** Publish message. */
    public static final int PUBLISH = 3;
    /** QoS 1 publish acknowledgement. */
    public static final int PUBACK = 4;
    /** QoS 2 publish received (part 1). */
    public static final int PUBREC = 5;
    /** QoS 2 publish release (part 2). */
    public static final int PUBREL = 6;
    /** QoS 2 publish complete (part 3). */
    public static final int PUBCOMP = 7;
    /** Subscribe request. */
    public static final int SUBSCRIBE = 8;
    /** Subscribe acknowledgement. */
    public static final int SUBACK = 9;
    /** Unsubscribe request. */
    public static final int UNSUBSCRIBE = 10;
    /** Unsubscribe acknowledgement. */
    public static final int UNSUBACK = 11;
    /** Ping request. */
    public static final int PINGREQ = 12;
    /** Ping response. */
    public static final int PINGRESP = 13;
    /** Client is disconnecting. */
    public static final int DISCONNECT = 14;

    private static final String[] NAMES = {"reserved (0)", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC",
        "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT",
        "reserved (15)"};

    private PacketType() {
    }

    /**
     * The name of a packet type, for messages.
     *
     * @param type 0..15
     * @return e.g. "PUBACK"
     */
    public static String name(int type) {
        return NAMES[type & 0x0F];
    }

    /**
     * The fixed header flags MQTT 3.1.1 requires for a type other than PUBLISH: 0b0010 for
     * PUBREL, SUBSCRIBE and UNSUBSCRIBE, 0 for the rest.
     *
     * @param type the packet type
     * @return the required low nibble
     */
    public static int requiredFlags(int type) {
        return type == PUBREL || type == SUBSCRIBE || type == UNSUBSCRIBE ? 0b0010 : 0;
    }
}

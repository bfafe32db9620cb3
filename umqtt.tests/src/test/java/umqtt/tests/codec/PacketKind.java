package umqtt.tests.codec;

/**
 * The fourteen control packet types of MQTT 3.1.1 §2.2.1, in the order of their codes (1..14),
 * with the fixed-header flags §2.2.2 requires. Written from the spec, apart from the main codec's
 * constants, so that a wrong constant there shows up as a failing property here.
 */
enum PacketKind {
    CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ,
    PINGRESP, DISCONNECT;

    /** @return the value of the first byte's high nibble */
    int code() {
        return ordinal() + 1;
    }

    /** @return the low nibble §2.2.2 requires: 0010 for PUBREL, SUBSCRIBE and UNSUBSCRIBE, else 0000 (PUBLISH has its own) */
    int requiredFlags() {
        return this == PUBREL || this == SUBSCRIBE || this == UNSUBSCRIBE ? 0b0010 : 0;
    }

    /**
     * @param code the high nibble of a fixed header
     * @return its kind
     * @throws MalformedPacket for the reserved codes 0 and 15
     */
    static PacketKind of(int code) {
        if (code < 1 || code > 14) {
            throw new MalformedPacket("packet type " + code + " is reserved [MQTT-2.2.1]");
        }
        return values()[code - 1];
    }
}

package umqtt.mqtt5.codec;

import umqtt.api.MqttException;

/**
 * What each MQTT 5 packet type is: its name, the fixed-header flags it requires (MQTT 5.0, 2.1.3)
 * and the reason codes it may carry (MQTT 5.0, 2.4 and each packet's reason code table).
 */
public final class PacketTypes {

    /** AUTH, the type MQTT 5 adds. */
    public static final int AUTH = 15;

    private static final String[] NAMES = {"reserved (0)", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC",
        "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT",
        "AUTH"};

    /** By packet type, by code: whether that packet may carry that code. */
    private static final boolean[][] ALLOWED = new boolean[16][256];

    static {
        allow(2, "00 80 81 82 83 84 85 86 87 88 89 8A 8C 90 95 97 99 9A 9B 9C 9D 9F"); // CONNACK
        allow(4, "00 10 80 83 87 90 91 97 99"); // PUBACK
        allow(5, "00 10 80 83 87 90 91 97 99"); // PUBREC
        allow(6, "00 92"); // PUBREL
        allow(7, "00 92"); // PUBCOMP
        allow(9, "00 01 02 80 83 87 8F 91 97 9E A1 A2"); // SUBACK
        allow(11, "00 11 80 83 87 8F 91"); // UNSUBACK
        allow(14, "00 04 80 81 82 83 87 89 8B 8D 8E 8F 90 93 94 95 96 97 98 99 9A 9B 9C 9D 9E 9F A0 A1 A2"); // DISCONNECT
        allow(15, "00 18 19"); // AUTH
    }

    private PacketTypes() {
    }

    /** @return e.g. "PUBACK" */
    public static String name(int type) {
        return NAMES[type & 0x0F];
    }

    /**
     * Checks the first byte of a fixed header: a defined type and the flags it requires
     * (MQTT-2.1.3-1; any DUP/QoS/RETAIN for PUBLISH but QoS 3, MQTT-3.3.1-4).
     *
     * @throws MqttException 0x81 when the type is reserved or the flags are wrong
     */
    public static void checkFixedHeader(int header) throws MqttException {
        int type = header >>> 4 & 0x0F;
        int flags = header & 0x0F;
        if (type == 0) {
            throw Faults.malformed("packet type 0 is reserved");
        }
        if (type == 3) {
            if ((flags & 0b0110) == 0b0110) {
                throw Faults.malformed("PUBLISH with QoS 3 (MQTT-3.3.1-4)");
            }
        } else if (flags != requiredFlags(type)) {
            throw Faults.malformed("the flags of " + name(type) + " must be " + requiredFlags(type) + " but were " + flags
                    + " (MQTT-2.1.3-1)");
        }
    }

    /** @return the flags a non-PUBLISH type requires: 0b0010 for PUBREL, SUBSCRIBE, UNSUBSCRIBE; else 0 */
    public static int requiredFlags(int type) {
        return type == 6 || type == 8 || type == 10 ? 0b0010 : 0;
    }

    /**
     * @param code a reason code
     * @return whether a client may send it in DISCONNECT (MQTT 5.0, 3.14.2.1: the codes marked
     *     "Client" or both)
     */
    public static boolean clientDisconnect(int code) {
        return code == 0x00 || code == 0x04 || code >= 0x80 && code <= 0x83 || code == 0x90
                || code >= 0x93 && code <= 0x99;
    }

    /**
     * @param type the packet type
     * @param code a reason code
     * @return whether that packet may carry that code
     */
    public static boolean allowed(int type, int code) {
        return code >= 0 && code < 256 && ALLOWED[type & 0x0F][code];
    }

    private static void allow(int type, String codes) {
        for (String code : codes.split(" ")) {
            ALLOWED[type][Integer.parseInt(code, 16)] = true;
        }
    }
}

package umqtt.mqtt5.codec;

/** Which reason codes each packet may carry (MQTT 5.0, 2.4 and each packet's reason code table). */
public final class Reasons {

    private static final int[] CONNACK = {0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C,
        0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F};
    private static final int[] PUBACK = {0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99};
    private static final int[] PUBREL = {0x00, 0x92};
    private static final int[] SUBACK = {0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2};
    private static final int[] UNSUBACK = {0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91};
    private static final int[] DISCONNECT = {0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F,
        0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2};
    private static final int[] AUTH = {0x00, 0x18, 0x19};

    private Reasons() {
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
        int[] codes = switch (type) {
            case 2 -> CONNACK;
            case 4, 5 -> PUBACK;
            case 6, 7 -> PUBREL;
            case 9 -> SUBACK;
            case 11 -> UNSUBACK;
            case 14 -> DISCONNECT;
            case 15 -> AUTH;
            default -> new int[0];
        };
        for (int c : codes) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }
}

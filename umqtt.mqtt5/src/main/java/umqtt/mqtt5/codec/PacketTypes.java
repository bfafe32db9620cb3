package umqtt.mqtt5.codec;

import umqtt.api.MqttException;

/** The MQTT 5 packet types' names and the fixed-header flags each requires (MQTT 5.0, 2.1.3). */
public final class PacketTypes {

    /** AUTH, the type MQTT 5 adds. */
    public static final int AUTH = 15;

    private static final String[] NAMES = {"reserved (0)", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC",
        "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT",
        "AUTH"};

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
}

package umqtt.mqtt5.codec;

import java.util.List;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.ReasonCode;

/** The exceptions of bad input: Malformed Packet (0x81), Protocol Error (0x82), Packet too large (0x95). */
public final class Faults {

    private Faults() {
    }

    /**
     * @param what what is wrong, naming the packet and the rule
     * @return a Malformed Packet (0x81) exception
     */
    public static Mqtt5Exception malformed(String what) {
        return new Mqtt5Exception(ReasonCode.MALFORMED_PACKET, "malformed packet: " + what, null, List.of(), null);
    }

    /**
     * @param what what is wrong, naming the packet and the rule
     * @return a Protocol Error (0x82) exception
     */
    public static Mqtt5Exception protocol(String what) {
        return new Mqtt5Exception(ReasonCode.PROTOCOL_ERROR, "protocol error: " + what, null, List.of(), null);
    }

    /**
     * @param code a reason code of 0x80 or above
     * @param what what happened and what to do
     * @return the exception
     */
    public static Mqtt5Exception of(int code, String what) {
        return new Mqtt5Exception(code, what, null, List.of(), null);
    }
}

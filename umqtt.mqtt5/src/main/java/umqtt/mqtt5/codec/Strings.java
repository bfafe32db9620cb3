package umqtt.mqtt5.codec;

import java.nio.charset.StandardCharsets;
import umqtt.simple.codec.PacketBuffer;
import umqtt.simple.codec.RemainingLength;

/** Outbound strings and variable byte integers: checked as the standard requires before they are written. */
public final class Strings {

    private Strings() {
    }

    /**
     * @param s a string to send
     * @param what its name, for the message
     * @return its UTF-8 bytes
     * @throws IllegalArgumentException when it is over 65,535 bytes, holds U+0000 or a lone surrogate
     */
    public static byte[] utf8(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (c == 0 || Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " holds U+0000 or a lone surrogate at index " + i
                        + ", which MQTT strings may not (MQTT-1.5.4-1, MQTT-1.5.4-2)");
            }
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException(what + " is " + b.length + " bytes of UTF-8; MQTT's limit is 65535");
        }
        return b;
    }

    /** Writes a variable byte integer. */
    public static void putVbi(PacketBuffer out, int value) {
        RemainingLength.size(value);
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.put(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }
}

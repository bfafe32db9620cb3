package umqtt.simple;

import java.nio.charset.StandardCharsets;

/**
 * Checks the strings a client puts into CONNECT or a topic before they are encoded: MQTT 3.1.1
 * §1.5.3 allows at most 65,535 UTF-8 bytes, no U+0000 [MQTT-1.5.3-2], and well-formed UTF-16
 * (an unpaired surrogate has no UTF-8 form and would silently become '?').
 */
final class MqttStrings {


    private MqttStrings() {
    }

    /**
     * @param value the string
     * @param what its name in the error, e.g. "clientId"
     * @throws IllegalArgumentException naming the rule it breaks
     */
    static void check(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(what + " contains U+0000 at index " + i
                        + ", which MQTT forbids in strings: remove it");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " has an unpaired surrogate (U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ") at index " + i
                        + ": it is not valid text and has no UTF-8 form");
            }
        }
        if (value.length() > Topics.MAX_LENGTH / 3 && value.getBytes(StandardCharsets.UTF_8).length > Topics.MAX_LENGTH) {
            throw new IllegalArgumentException(what + " is " + value.getBytes(StandardCharsets.UTF_8).length
                    + " bytes long; MQTT allows at most " + Topics.MAX_LENGTH + " UTF-8 bytes");
        }
    }
}

package umqtt.simple;

import java.nio.charset.StandardCharsets;
import umqtt.simple.codec.Utf8;

/** Validates topic names (publish) and topic filters (subscribe) before they reach the wire. */
final class Topics {

    static final int MAX_LENGTH = 65_535;

    private Topics() {
    }

    /**
     * Checks a topic name for PUBLISH or a will: not empty, no wildcards, valid UTF-8 without
     * U+0000, at most 65535 bytes. Allocates nothing when the topic is valid.
     */
    static void checkName(byte[] topic, String what) {
        checkCommon(topic, what);
        for (byte b : topic) {
            if (b == '+' || b == '#') {
                throw new IllegalArgumentException(what + " '" + show(topic) + "' contains the wildcard '" + (char) b
                        + "': wildcards are for subscribe filters only; publish to a concrete topic");
            }
        }
    }

    /** Checks a topic filter for SUBSCRIBE or UNSUBSCRIBE: wildcards only where MQTT allows them. */
    static void checkFilter(byte[] filter) {
        checkCommon(filter, "topic filter");
        for (int i = 0; i < filter.length; i++) {
            byte b = filter[i];
            boolean levelStart = i == 0 || filter[i - 1] == '/';
            boolean levelEnd = i == filter.length - 1 || filter[i + 1] == '/';
            if (b == '#' && !(levelStart && i == filter.length - 1)) {
                throw new IllegalArgumentException("topic filter '" + show(filter)
                        + "' misplaces '#': it must be the last character and fill its whole level, as in 'a/#'");
            }
            if (b == '+' && !(levelStart && levelEnd)) {
                throw new IllegalArgumentException("topic filter '" + show(filter)
                        + "' misplaces '+': it must fill a whole level, as in 'a/+/c'");
            }
        }
    }

    private static void checkCommon(byte[] topic, String what) {
        if (topic == null) {
            throw new NullPointerException(what);
        }
        if (topic.length == 0) {
            throw new IllegalArgumentException(what + " is empty: MQTT needs at least one character");
        }
        if (topic.length > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " is " + topic.length + " bytes long; MQTT allows at most "
                    + MAX_LENGTH);
        }
        int bad = Utf8.firstInvalid(topic, 0, topic.length);
        if (bad >= 0) {
            throw new IllegalArgumentException(what + " is not valid UTF-8 (or contains U+0000) at byte " + bad
                    + ": MQTT topics are UTF-8 text");
        }
    }

    private static String show(byte[] topic) {
        return new String(topic, StandardCharsets.UTF_8);
    }
}

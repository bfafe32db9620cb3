package umqtt.mqtt5;

import java.nio.charset.StandardCharsets;
import umqtt.simple.codec.Utf8;

/** Checks topic names and filters before anything is sent (MQTT 5.0, 4.7), with messages that say what to do. */
final class TopicNames {

    private TopicNames() {
    }

    static void checkName(byte[] topic, String what) {
        checkCommon(topic, what);
        for (byte b : topic) {
            if (b == '+' || b == '#') {
                throw new IllegalArgumentException(what + " '" + show(topic) + "' holds the wildcard '" + (char) b
                        + "': wildcards are for subscription filters; publish to a concrete topic (MQTT-3.3.2-2)");
            }
        }
    }

    /** @return whether the filter holds a wildcard */
    static boolean checkFilter(byte[] filter) {
        checkCommon(filter, "topic filter");
        boolean wild = false;
        for (int i = 0; i < filter.length; i++) {
            byte b = filter[i];
            boolean starts = i == 0 || filter[i - 1] == '/';
            boolean ends = i == filter.length - 1 || filter[i + 1] == '/';
            if (b == '#' && !(starts && i == filter.length - 1) || b == '+' && !(starts && ends)) {
                throw new IllegalArgumentException("topic filter '" + show(filter) + "' misplaces '" + (char) b
                        + "': a wildcard fills a whole level, and '#' only the last (MQTT-4.7.1-1, -2)");
            }
            wild |= b == '#' || b == '+';
        }
        return wild;
    }

    /** @return whether the filter is a shared subscription ($share/{group}/{filter}), checked */
    static boolean checkShared(byte[] filter) {
        String s = show(filter);
        if (!s.startsWith("$share/")) {
            return false;
        }
        int slash = s.indexOf('/', 7);
        String group = slash < 0 ? "" : s.substring(7, slash);
        if (group.isEmpty() || group.contains("+") || group.contains("#") || slash == s.length() - 1) {
            throw new IllegalArgumentException("shared subscription '" + s + "' must be $share/{group}/{filter} with a "
                    + "group name without wildcards and a filter (MQTT 5.0, 4.8.2)");
        }
        return true;
    }

    private static void checkCommon(byte[] topic, String what) {
        if (topic == null) {
            throw new NullPointerException(what);
        }
        if (topic.length == 0 || topic.length > 65_535) {
            throw new IllegalArgumentException(what + " is " + topic.length + " bytes long: MQTT needs 1 to 65535");
        }
        int bad = Utf8.firstInvalid(topic, 0, topic.length);
        if (bad >= 0) {
            throw new IllegalArgumentException(what + " is not valid UTF-8 (or holds U+0000) at byte " + bad
                    + ": MQTT topics are UTF-8 text (MQTT-1.5.4-1)");
        }
    }

    static String show(byte[] topic) {
        return new String(topic, StandardCharsets.UTF_8);
    }
}

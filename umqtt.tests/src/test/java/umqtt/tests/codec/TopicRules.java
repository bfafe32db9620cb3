package umqtt.tests.codec;

/** MQTT 3.1.1 §4.7: what a topic name and a topic filter may look like. */
final class TopicRules {

    private TopicRules() {
    }

    /** A name: at least one character [MQTT-4.7.3-1], no wildcard [MQTT-3.3.2-2]. */
    static String name(String topic, String what) {
        if (topic.isEmpty()) {
            throw new MalformedPacket(what + " is empty [MQTT-4.7.3-1]");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new MalformedPacket(what + " '" + topic + "' contains a wildcard [MQTT-3.3.2-2]");
        }
        return topic;
    }

    /** A filter: not empty, '#' only as the whole last level [MQTT-4.7.1-2], '+' only as a whole level [MQTT-4.7.1-3]. */
    static String filter(String filter) {
        if (filter.isEmpty()) {
            throw new MalformedPacket("topic filter is empty [MQTT-4.7.3-1]");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                throw new MalformedPacket("topic filter '" + filter + "' has '#' other than as its last level [MQTT-4.7.1-2]");
            }
            if (level.contains("+") && !level.equals("+")) {
                throw new MalformedPacket("topic filter '" + filter + "' has '+' inside a level [MQTT-4.7.1-3]");
            }
        }
        return filter;
    }
}

package umqtt.cli;

/**
 * MQTT topic filters on the command line's side ({@code sub -T}): whether one is well formed, and
 * whether a topic matches it, as the broker decides (MQTT 3.1.1 section 4.7).
 */
final class TopicFilter {

    private TopicFilter() {
    }

    /**
     * @param filter a topic filter
     * @return what is wrong with it, or null when it is well formed
     */
    static String problem(String filter) {
        if (filter.isEmpty()) {
            return "it is empty";
        }
        if (filter.indexOf('\0') >= 0) {
            return "it holds a NUL character";
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return "# must be a whole level and the last one, e.g. a/#";
            }
            if (level.contains("+") && !level.equals("+")) {
                return "+ must be a whole level, e.g. a/+/c";
            }
        }
        return null;
    }

    /**
     * Whether {@code topic} matches {@code filter}. A topic starting with {@code $} is not matched
     * by a filter starting with a wildcard, as brokers treat {@code $SYS}.
     *
     * @param filter a well-formed topic filter
     * @param topic a topic name
     * @return whether it matches
     */
    static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true; // "a/#" matches "a" too: # includes the parent level
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}

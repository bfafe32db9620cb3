package umqtt.mqtt5;

import java.util.Arrays;

/**
 * The topic aliases the client gives the server (MQTT 5.0, 3.3.2.3.4): at most the server's Topic
 * Alias Maximum (none when it is 0), the least recently used one taken over when all are in use.
 * A topic seen before costs a hash and a comparison, no allocation. Forgotten on every new
 * connection (MQTT-3.3.2-7: aliases belong to one Network Connection).
 */
final class OutboundAliases {

    /** Never more than this many, whatever the server allows: a linear scan stays cheap. */
    static final int CAP = 64;

    private byte[][] topics = new byte[0][];
    private int[] hashes = new int[0];
    private long[] used = new long[0];
    private long clock;
    /** Set by {@link #alias}: whether the topic must be sent with the alias (a new mapping). */
    private boolean fresh;

    /** Starts a connection: {@code serverMaximum} aliases, 0 for none. */
    void reset(int serverMaximum, boolean enabled) {
        int n = enabled ? Math.min(serverMaximum, CAP) : 0;
        topics = new byte[n][];
        hashes = new int[n];
        used = new long[n];
        clock = 0;
    }

    /**
     * @return the alias for {@code topic} (1 to the maximum), or 0 when aliases are off; then
     *     {@link #fresh()} says whether the topic goes with it
     */
    int alias(byte[] topic) {
        int n = topics.length;
        if (n == 0) {
            return 0;
        }
        int hash = Arrays.hashCode(topic);
        int oldest = 0;
        for (int i = 0; i < n; i++) {
            byte[] t = topics[i];
            if (t == null) {
                return assign(i, topic, hash);
            }
            if (hashes[i] == hash && Arrays.equals(t, topic)) {
                used[i] = ++clock;
                fresh = false;
                return i + 1;
            }
            if (used[i] < used[oldest]) {
                oldest = i;
            }
        }
        return assign(oldest, topic, hash);
    }

    private int assign(int i, byte[] topic, int hash) {
        topics[i] = topic.clone();
        hashes[i] = hash;
        used[i] = ++clock;
        fresh = true;
        return i + 1;
    }

    /** @return whether the last {@link #alias} set a new mapping, so the topic name must be sent */
    boolean fresh() {
        return fresh;
    }
}

package umqtt.mqtt5;

import java.util.Arrays;
import umqtt.api.MqttException;
import umqtt.mqtt5.codec.Faults;

/**
 * Topic aliases both ways (MQTT 5.0, 3.3.2.3.4), forgotten on every new connection (MQTT-3.3.2-7:
 * aliases belong to one Network Connection).
 *
 * <p>Outbound, the client's to the server: at most the server's Topic Alias Maximum (none when it
 * is 0), the least recently used one taken over when all are in use. A topic seen before costs a
 * hash and a comparison, no allocation. Inbound, the server's to the client: within the client's
 * Topic Alias Maximum.
 */
final class TopicAliases {

    /** Never more outbound aliases than this, whatever the server allows: a linear scan stays cheap. */
    static final int CAP = 64;

    private byte[][] topics = new byte[0][];
    private int[] hashes = new int[0];
    private long[] used = new long[0];
    private long clock;
    /** Set by {@link #alias}: whether the topic must be sent with the alias (a new mapping). */
    private boolean fresh;

    /** The client's Topic Alias Maximum. */
    private final int maximum;
    private byte[][] inbound;

    TopicAliases(int maximum) {
        this.maximum = maximum;
    }

    /** Starts a connection: {@code serverMaximum} outbound aliases (0 for none), and no inbound ones. */
    void reset(int serverMaximum, boolean enabled) {
        int n = enabled ? Math.min(serverMaximum, CAP) : 0;
        topics = new byte[n][];
        hashes = new int[n];
        used = new long[n];
        clock = 0;
        inbound = new byte[maximum + 1][];
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

    /** @return whether this connection uses outbound aliases (the server allows some, and the builder did not turn them off) */
    boolean inUse() {
        return topics.length > 0;
    }

    /** @return whether the last {@link #alias} set a new mapping, so the topic name must be sent */
    boolean fresh() {
        return fresh;
    }

    /**
     * @param topic the PUBLISH's topic name (empty when only the alias is sent)
     * @param alias its Topic Alias, 0 when it has none
     * @return the full topic name
     * @throws MqttException 0x94 Topic Alias invalid for 0 or over the client's maximum
     *     (MQTT-3.3.2-11 binds the server); 0x82 for an empty topic without a known alias (MQTT 5.0, 3.3.4)
     */
    byte[] resolve(byte[] topic, long alias) throws MqttException {
        if (alias < 0) {
            if (topic.length == 0) {
                throw Faults.protocol("PUBLISH with an empty topic name and no Topic Alias (MQTT 5.0, 3.3.2.1)");
            }
            return topic;
        }
        if (alias == 0 || alias > maximum) {
            throw Faults.of(0x94, "the server sent Topic Alias " + alias + ", outside 1 to the client's Topic Alias "
                    + "Maximum of " + maximum + " (MQTT-3.3.2-11)");
        }
        if (topic.length > 0) {
            inbound[(int) alias] = topic;
            return topic;
        }
        byte[] known = inbound[(int) alias];
        if (known == null) {
            throw Faults.protocol("the server sent Topic Alias " + alias + " with an empty topic name before it gave "
                    + "that alias a topic (MQTT 5.0, 3.3.4)");
        }
        return known.clone(); // the callback owns the arrays it gets
    }
}

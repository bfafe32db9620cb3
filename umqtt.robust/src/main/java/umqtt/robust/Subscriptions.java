package umqtt.robust;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topic filters the user subscribed and unsubscribed, in the order of their last change, so
 * that a broker that lost the session (or a server failed over to, whose session may be stale)
 * can be brought back to the state the user asked for.
 */
final class Subscriptions {

    /** One remembered change: a subscription with its QoS, or an unsubscription. */
    record Entry(byte[] topic, int qos) {
        boolean unsubscribed() {
            return qos == UNSUBSCRIBED;
        }
    }

    private static final int UNSUBSCRIBED = -1;

    /** Filter bytes (a private copy) to the QoS asked for, or UNSUBSCRIBED. */
    private final Map<ByteBuffer, Integer> filters = new LinkedHashMap<>();

    void subscribed(byte[] topic, int qos) {
        ByteBuffer key = key(topic);
        filters.remove(key);
        filters.put(key, qos);
    }

    void unsubscribed(byte[] topic) {
        ByteBuffer key = key(topic);
        filters.remove(key);
        filters.put(key, UNSUBSCRIBED);
    }

    /** Forgets a subscription the broker refused when it was renewed, unless it changed since. */
    void refused(byte[] topic, int qos) {
        filters.remove(key(topic), qos);
    }

    void clear() {
        filters.clear();
    }

    boolean isEmpty() {
        return filters.isEmpty();
    }

    /**
     * What to send to renew them, in order: every subscription, and with {@code unsubscriptions}
     * also the unsubscriptions. A snapshot: the callback, called while a renewal waits for an
     * answer, may subscribe too.
     */
    List<Entry> snapshot(boolean unsubscriptions) {
        List<Entry> entries = new ArrayList<>();
        filters.forEach((k, qos) -> {
            if (qos != UNSUBSCRIBED || unsubscriptions) {
                entries.add(new Entry(bytes(k), qos));
            }
        });
        return entries;
    }

    private static ByteBuffer key(byte[] topic) {
        return ByteBuffer.wrap(topic.clone()).asReadOnlyBuffer();
    }

    private static byte[] bytes(ByteBuffer key) {
        byte[] b = new byte[key.remaining()];
        key.duplicate().get(b);
        return b;
    }
}

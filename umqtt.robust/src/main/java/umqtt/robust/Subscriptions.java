package umqtt.robust;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import umqtt.api.MqttClient;
import umqtt.api.MqttException;

/**
 * The topic filters the user subscribed and unsubscribed, in the order of their last change, so
 * that a broker that lost the session (or a server failed over to, whose session may be stale)
 * can be brought back to the state the user asked for.
 */
final class Subscriptions {

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

    void clear() {
        filters.clear();
    }

    boolean isEmpty() {
        return filters.isEmpty();
    }

    /**
     * Subscribes again to every remembered filter, in order; with {@code unsubscribe} also
     * unsubscribes again from the remembered unsubscriptions. A subscription the broker now
     * refuses (SUBACK 0x80) is forgotten and logged: the operation that triggered the reconnect
     * must go on (a publish may already be complete).
     *
     * @return how many packets were sent
     * @throws IOException when the link fails (the caller reconnects and replays again)
     */
    int replay(MqttClient client, boolean unsubscribe, System.Logger logger) throws IOException {
        int sent = 0;
        // A snapshot: the callback, called while we wait for a SUBACK, may subscribe too.
        List<Map.Entry<ByteBuffer, Integer>> snapshot = new ArrayList<>();
        filters.forEach((k, v) -> snapshot.add(Map.entry(k, v)));
        for (Map.Entry<ByteBuffer, Integer> e : snapshot) {
            byte[] topic = bytes(e.getKey());
            int qos = e.getValue();
            if (qos == UNSUBSCRIBED) {
                if (unsubscribe) {
                    client.unsubscribe(topic);
                    sent++;
                }
                continue;
            }
            try {
                client.subscribe(topic, qos);
                sent++;
            } catch (MqttException refused) {
                if (Failure.of(refused) != Failure.FINAL) {
                    throw refused;
                }
                filters.remove(e.getKey(), qos);
                logger.log(Level.ERROR, "the broker refused the subscription to ''{0}'' (QoS {1}) when it was "
                        + "renewed after a reconnect; it is forgotten: {2}", text(e.getKey()), qos, refused.getMessage());
            }
        }
        return sent;
    }

    private static ByteBuffer key(byte[] topic) {
        return ByteBuffer.wrap(topic.clone()).asReadOnlyBuffer();
    }

    private static byte[] bytes(ByteBuffer key) {
        byte[] b = new byte[key.remaining()];
        key.duplicate().get(b);
        return b;
    }

    private static String text(ByteBuffer key) {
        return new String(bytes(key), StandardCharsets.UTF_8);
    }
}

package umqtt.mqtt5;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How each topic filter is to be subscribed when it comes through the 3.1.1 methods
 * ({@code subscribe(byte[], int)}, {@code subscribe(byte[][], int[])}): with the options and
 * Subscription Identifier the client last subscribed it with through a 5.0 method, or that
 * {@link Mqtt5Client#subscriptionOptions} declared. This is what lets a RobustClient, which knows
 * only the 3.1.1 methods, renew a lost session's subscriptions with their options and identifiers.
 *
 * <p>Only filters with something to remember take room: subscribing one with the default options
 * and no identifier forgets it. Unsubscribing keeps it, so a renewal that unsubscribes and
 * subscribes again (failover) keeps the options. Confined to the client's thread, like the client.
 */
final class FilterOptions {

    private record Remembered(Subscription options, int identifier) {
    }

    /** Keyed by the filter's bytes read as ISO-8859-1: byte for byte, whatever the UTF-8. */
    private final Map<String, Remembered> byFilter = new HashMap<>();

    private static String key(byte[] filter) {
        return new String(filter, StandardCharsets.ISO_8859_1);
    }

    /** Remembers a declaration of {@link Mqtt5Client#subscriptionOptions}, checking it first. */
    void declare(Subscription options, int identifier) {
        Objects.requireNonNull(options, "options");
        Subscriptions.checkIdentifier(identifier);
        remember(List.of(options), identifier);
    }

    /** Remembers how these filters were subscribed by a 5.0 method, once it returned {@code codes}; returns them. */
    int[] remembered(List<Subscription> subscriptions, int identifier, int[] codes) {
        remember(subscriptions, identifier);
        return codes;
    }

    /** Remembers how these filters were subscribed (by a 5.0 method or a declaration). */
    void remember(List<Subscription> subscriptions, int identifier) {
        for (Subscription s : subscriptions) {
            if (identifier == 0 && !s.noLocal() && !s.retainAsPublished()
                    && s.retainHandling() == Subscription.SEND_RETAINED) {
                byFilter.remove(key(s.filter()));
            } else {
                byFilter.put(key(s.filter()), new Remembered(s, identifier));
            }
        }
    }

    /**
     * @param filter a filter subscribed through a 3.1.1 method
     * @param qos the QoS that call asked for (it wins over the remembered one)
     * @return the subscription to send: the remembered options with this QoS, else the defaults
     */
    Subscription options(byte[] filter, int qos) {
        Remembered r = byFilter.get(key(filter));
        return r == null ? new Subscription(filter, qos, false, false, Subscription.SEND_RETAINED)
                : new Subscription(filter, qos, r.options().noLocal(), r.options().retainAsPublished(),
                        r.options().retainHandling());
    }

    /** @return the remembered Subscription Identifier of this filter, 0 for none */
    int identifier(byte[] filter) {
        Remembered r = byFilter.get(key(filter));
        return r == null ? 0 : r.identifier();
    }

    /**
     * Subscribes filters that came through the 3.1.1 multi-filter method with their remembered
     * options: one SUBSCRIBE per Subscription Identifier (a SUBSCRIBE carries one), in the order
     * each identifier first appears, so one in all unless identifiers were declared.
     *
     * @return one reason code per filter, in their order
     */
    int[] subscribe(Subscriptions target, byte[][] filters, int[] qos) throws IOException {
        Map<Integer, List<Integer>> byIdentifier = new LinkedHashMap<>();
        for (int i = 0; i < filters.length; i++) {
            byIdentifier.computeIfAbsent(identifier(filters[i]), k -> new ArrayList<>()).add(i);
        }
        int[] codes = new int[filters.length];
        for (Map.Entry<Integer, List<Integer>> group : byIdentifier.entrySet()) {
            List<Integer> places = group.getValue();
            List<Subscription> subscriptions = new ArrayList<>(places.size());
            for (int i : places) {
                subscriptions.add(options(filters[i], qos[i]));
            }
            int[] granted = target.subscribe(subscriptions, group.getKey(), List.of());
            for (int k = 0; k < granted.length; k++) {
                codes[places.get(k)] = granted[k];
            }
        }
        return codes;
    }
}

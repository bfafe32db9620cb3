package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.mqtt5.Mqtt5Brokers.WAIT;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.Subscription;
import umqtt.tests.brokers.Broker;

/**
 * Subscription identifiers (MQTT 5.0, 3.8.2.1.2) come back with the messages their subscriptions
 * match; overlapping subscriptions bring each of theirs (in one PUBLISH or in one copy per
 * subscription, as the broker chooses: MQTT-3.3.4-3..5).
 */
class SubscriptionIdentifiersTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aMessageCarriesTheIdentifierOfItsSubscription(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("subid");
        Inbox inbox = new Inbox();
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "subid").build()) {
            client.setCallback(inbox);
            client.connect();
            assertTrue(client.connack().subscriptionIdentifiersAvailable(), client.connack().toString());
            int[] codes = client.subscribe(List.of(Subscription.of(topic, 1)), 268_435_455, List.of());
            assertArrayEquals(new int[] {1}, codes);
            client.publish(topic, utf8("one"), false, 1, PublishProperties.NONE);
            inbox.pump(client);
            assertArrayEquals(new int[] {268_435_455}, inbox.await("one", WAIT).properties().subscriptionIdentifiers());
            inbox.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void overlappingSubscriptionsBringEachOfTheirIdentifiers(Broker broker) throws Exception {
        String base = Mqtt5Brokers.topic("subids");
        Inbox inbox = new Inbox();
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "subids").build()) {
            client.setCallback(inbox);
            client.connect();
            client.subscribe(List.of(Subscription.of(base + "/+", 1)), 1, List.of());
            client.subscribe(List.of(Subscription.of(base + "/#", 1)), 2, List.of());
            client.subscribe(List.of(Subscription.of(base + "/other", 1)), 3, List.of());
            client.publish(base + "/x", utf8("both"), false, 1, PublishProperties.NONE);
            client.publish(base + "/x", utf8("marker"), false, 1, PublishProperties.NONE);
            inbox.pump(client);
            List<Inbox.Received> copies = inbox.awaitMatching(r -> r.payload().equals("both"), 1, WAIT);
            inbox.awaitMatching(r -> r.payload().equals("marker"), 1, WAIT);
            Set<Integer> ids = new TreeSet<>();
            int n = 0;
            for (Inbox.Received r : inbox.all()) {
                if (r.payload().equals("both")) {
                    n++;
                    for (int id : r.properties().subscriptionIdentifiers()) {
                        assertTrue(ids.add(id), "identifier " + id + " came twice: " + inbox.all());
                    }
                }
            }
            assertEquals(Set.of(1, 2), ids, "from " + n + " copies: " + inbox.all() + " (first " + copies + ")");
            inbox.close();
        }
    }
}

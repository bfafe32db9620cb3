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

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void theSubscribeMethodsOf311UseTheDeclaredOptionsAndIdentifiers(Broker broker) throws Exception {
        String base = Mqtt5Brokers.topic("declared");
        Inbox inbox = new Inbox();
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "declared").build()) {
            client.setCallback(inbox);
            client.connect();
            client.subscriptionOptions(Subscription.of(base + "/a", 0).withNoLocal(), 5);
            client.subscriptionOptions(Subscription.of(base + "/b", 0), 6);
            // Three filters, two identifiers and none: three SUBSCRIBEs, the codes in the callers' order.
            int[] granted = client.subscribe(new byte[][] {utf8(base + "/b"), utf8(base + "/c"), utf8(base + "/a")},
                    new int[] {1, 0, 2});
            assertArrayEquals(new int[] {1, 0, 2}, granted);
            client.subscribe(utf8(base + "/a"), 1); // the one-filter method too: still No Local, identifier 5
            for (String t : new String[] {"a", "b", "c"}) {
                client.publish(base + "/" + t, utf8(t), false, 1, PublishProperties.NONE);
            }
            try (Mqtt5Client other = Mqtt5Brokers.client(broker, "other").build()) {
                other.connect();
                other.publish(base + "/a", utf8("other's a"), false, 1, PublishProperties.NONE);
            }
            inbox.pump(client);
            inbox.await("other's a", WAIT);
            inbox.await("b", WAIT);
            inbox.await("c", WAIT);
            assertEquals(List.of("b", "c", "other's a"), inbox.payloads().stream().sorted().toList(),
                    "No Local kept the own message on /a away");
            assertArrayEquals(new int[] {5}, inbox.await("other's a", WAIT).properties().subscriptionIdentifiers());
            assertArrayEquals(new int[] {6}, inbox.await("b", WAIT).properties().subscriptionIdentifiers());
            assertArrayEquals(new int[0], inbox.await("c", WAIT).properties().subscriptionIdentifiers());
            inbox.close();
        }
    }
}

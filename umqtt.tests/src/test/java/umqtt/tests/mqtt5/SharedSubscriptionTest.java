package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.mqtt5.Mqtt5Brokers.WAIT;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.Subscription;
import umqtt.tests.brokers.Broker;

/** Shared subscriptions (MQTT 5.0, 4.8.2): two clients in one group share the messages, each once. */
class SharedSubscriptionTest {

    private static final int MESSAGES = 40;

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void twoClientsShareTheLoadAndEachMessageArrivesOnce(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("shared");
        String group = "g" + Long.toString(System.nanoTime(), 36);
        Inbox all = new Inbox();
        Inbox first = new Inbox();
        Inbox second = new Inbox();
        try (Mqtt5Client a = Mqtt5Brokers.client(broker, "share-a").build();
                Mqtt5Client b = Mqtt5Brokers.client(broker, "share-b").build();
                Mqtt5Client publisher = Mqtt5Brokers.client(broker, "pub").build()) {
            for (Mqtt5Client c : List.of(a, b)) {
                Inbox own = c == a ? first : second;
                c.setCallback((m, p) -> {
                    own.onMessage(m, p);
                    all.onMessage(m, p);
                });
                c.connect();
                assertTrue(c.connack().sharedSubscriptionAvailable(), c.connack().toString());
                assertEquals(1, c.subscribe(Subscription.of("$share/" + group + "/" + topic, 1)));
                all.pump(c);
            }
            publisher.connect();
            for (int i = 0; i < MESSAGES; i++) {
                publisher.publish(topic, ("m" + i).getBytes(StandardCharsets.UTF_8), false, 1, PublishProperties.NONE);
            }
            all.await(MESSAGES, WAIT);
            assertEquals(MESSAGES, new TreeSet<>(all.payloads()).size(), "each message once: " + all.payloads());
            assertTrue(!first.payloads().isEmpty() && !second.payloads().isEmpty(),
                    "both share the load: first " + first.payloads() + ", second " + second.payloads());
            all.close();
        }
    }
}

package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.mqtt5.Mqtt5Brokers.WAIT;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.Subscription;
import umqtt.tests.brokers.Broker;

/**
 * Subscription options (MQTT 5.0, 3.8.3.1): No Local, Retain As Published, Retain Handling 0, 1
 * and 2, as the brokers apply them. Absence is shown with a marker published after the message
 * that must not come (same publisher, same topic: the broker keeps their order).
 */
class SubscriptionOptionsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void noLocalKeepsTheClientsOwnMessagesFromIt(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("nolocal");
        Inbox inbox = new Inbox();
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "nolocal").build();
                Mqtt5Client other = Mqtt5Brokers.client(broker, "other").build()) {
            client.setCallback(inbox);
            client.connect();
            client.subscribe(Subscription.of(topic, 1).withNoLocal());
            client.publish(topic, utf8("own"), false, 1, PublishProperties.NONE);
            other.connect();
            other.publish(topic, utf8("other's"), false, 1, PublishProperties.NONE);
            inbox.pump(client);
            inbox.await("other's", WAIT);
            assertEquals(List.of("other's"), inbox.payloads(), "No Local (MQTT-3.8.3-3)");
            inbox.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void withoutNoLocalTheClientGetsItsOwnMessages(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("local");
        Inbox inbox = new Inbox();
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "local").build()) {
            client.setCallback(inbox);
            client.connect();
            client.subscribe(Subscription.of(topic, 1));
            client.publish(topic, utf8("own"), false, 1, PublishProperties.NONE);
            inbox.pump(client);
            inbox.await("own", WAIT);
            inbox.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void retainAsPublishedKeepsTheRetainFlagOfLiveMessages(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("rap");
        Inbox kept = new Inbox();
        Inbox cleared = new Inbox();
        try (Mqtt5Client asPublished = Mqtt5Brokers.client(broker, "rap").build();
                Mqtt5Client plain = Mqtt5Brokers.client(broker, "plain").build();
                Mqtt5Client publisher = Mqtt5Brokers.client(broker, "pub").build()) {
            asPublished.setCallback(kept);
            asPublished.connect();
            asPublished.subscribe(Subscription.of(topic, 1).withRetainAsPublished());
            kept.pump(asPublished);
            plain.setCallback(cleared);
            plain.connect();
            plain.subscribe(Subscription.of(topic, 1));
            cleared.pump(plain);
            publisher.connect();
            publisher.publish(topic, utf8("retained"), true, 1, PublishProperties.NONE);
            assertTrue(kept.await("retained", WAIT).message().retained(), "Retain As Published (MQTT-3.3.1-12)");
            assertFalse(cleared.await("retained", WAIT).message().retained(), "cleared otherwise (MQTT-3.3.1-13)");
            publisher.publish(topic, new byte[0], true, 1, PublishProperties.NONE); // clears the retained message
            kept.close();
            cleared.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void retainHandlingDecidesWhenRetainedMessagesAreSent(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("rh");
        try (Mqtt5Client publisher = Mqtt5Brokers.client(broker, "pub").build()) {
            publisher.connect();
            publisher.publish(topic, utf8("retained"), true, 1, PublishProperties.NONE);
            publisher.publish(topic + "/marker", utf8("marker"), true, 1, PublishProperties.NONE);
            // 0: on every subscribe; 1: only when the subscription is new; 2: never (MQTT-3.3.1-9..11).
            assertEquals(2, retainedOnTwoSubscribes(broker, topic, Subscription.SEND_RETAINED));
            assertEquals(1, retainedOnTwoSubscribes(broker, topic, Subscription.SEND_RETAINED_IF_NEW));
            assertEquals(0, retainedOnTwoSubscribes(broker, topic, Subscription.DO_NOT_SEND_RETAINED));
            publisher.publish(topic, new byte[0], true, 1, PublishProperties.NONE);
            publisher.publish(topic + "/marker", new byte[0], true, 1, PublishProperties.NONE);
        }
    }

    /**
     * Subscribes twice with this Retain Handling, each time followed by a subscription to a marker
     * topic with its own retained message, and returns how often the retained message came. The
     * broker's retained messages are not ordered with live ones (HiveMQ sends them after a live
     * message published later), so the markers are retained messages too, sent in the order of the
     * subscriptions; a count expected above zero is awaited as well.
     */
    private static int retainedOnTwoSubscribes(Broker broker, String topic, int handling) throws Exception {
        Inbox inbox = new Inbox();
        int expected = handling == Subscription.SEND_RETAINED ? 2 : handling == Subscription.SEND_RETAINED_IF_NEW ? 1 : 0;
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "rh" + handling).build()) {
            client.setCallback(inbox);
            client.connect();
            for (int i = 0; i < 2; i++) {
                client.subscribe(Subscription.of(topic, 1).withRetainHandling(handling));
                client.subscribe(Subscription.of(topic + "/marker", 1)); // sends the marker each time
            }
            inbox.pump(client);
            inbox.awaitMatching(r -> r.payload().equals("marker"), 2, WAIT);
            if (expected > 0) {
                inbox.awaitMatching(r -> r.payload().equals("retained"), expected, WAIT);
            }
            int n = (int) inbox.payloads().stream().filter("retained"::equals).count();
            inbox.close();
            return n;
        }
    }
}

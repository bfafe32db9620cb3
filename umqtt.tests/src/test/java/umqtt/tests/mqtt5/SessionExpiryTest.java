package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.mqtt5.Mqtt5Brokers.WAIT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.ReasonCode;
import umqtt.mqtt5.Subscription;
import umqtt.tests.brokers.Broker;

/**
 * Clean Start and the Session Expiry Interval (MQTT 5.0, 3.1.2.4, 3.1.2.11.2, 4.1) against what
 * the brokers do: a session outlives the link for its expiry and not longer.
 */
class SessionExpiryTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aSessionIsKeptAcrossAReconnectWithinItsExpiry(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("session/kept");
        Inbox inbox = new Inbox();
        try (Mqtt5Client subscriber = Mqtt5Brokers.client(broker, "kept").sessionExpiry(Duration.ofSeconds(2)).build();
                Mqtt5Client publisher = Mqtt5Brokers.client(broker, "pub").build()) {
            subscriber.setCallback(inbox);
            assertFalse(subscriber.connect(true), "a clean start has no session");
            assertEquals(2, subscriber.connack().sessionExpiry(), "the broker took the expiry: " + subscriber.connack());
            subscriber.subscribe(Subscription.of(topic, 1));
            subscriber.disconnect();
            publisher.connect();
            publisher.publish(topic, utf8("queued while away"), false, 1, PublishProperties.NONE);
            assertTrue(subscriber.connect(false), "the session outlives the link for 2 s: " + subscriber.connack());
            inbox.pump(subscriber);
            assertEquals(1, inbox.await("queued while away", WAIT).message().qos());
            inbox.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aSessionIsGoneAfterItsExpiry(Broker broker) throws Exception {
        // The will, delayed longer than the session lives, is published when the session ends
        // (MQTT 5.0, 3.1.2.5): an observer sees the end of the session without a sleep.
        String topic = Mqtt5Brokers.topic("session/gone");
        String will = Mqtt5Brokers.topic("session/gone/will");
        Inbox observed = new Inbox();
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "gone").sessionExpiry(Duration.ofSeconds(1)).build();
                Mqtt5Client observer = Mqtt5Brokers.client(broker, "observer").build()) {
            observer.setCallback(observed);
            observer.connect();
            observer.subscribe(Subscription.of(will, 1));
            observed.pump(observer);
            client.setLastWill(utf8(will), utf8("session ended"), false, 1, PublishProperties.NONE, Duration.ofSeconds(60));
            client.setCallback((m, p) -> { });
            assertFalse(client.connect(true));
            client.subscribe(Subscription.of(topic, 1));
            long left = System.nanoTime();
            client.disconnect(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE, -1, null, List.of());
            observed.await("session ended", WAIT);
            long endedAfterMillis = (System.nanoTime() - left) / 1_000_000;
            assertTrue(endedAfterMillis >= 900, "the session ended after " + endedAfterMillis + " ms, not its 1 s");
            assertFalse(client.connect(false), "the session expired: " + client.connack());
            observed.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aCleanStartDiscardsAKeptSession(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("session/clean");
        Inbox inbox = new Inbox();
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "clean").sessionExpiry(Duration.ofSeconds(2)).build();
                Mqtt5Client publisher = Mqtt5Brokers.client(broker, "pub").build()) {
            client.setCallback(inbox);
            client.connect(true);
            client.subscribe(Subscription.of(topic, 1));
            client.disconnect();
            publisher.connect();
            publisher.publish(topic, utf8("for the old session"), false, 1, PublishProperties.NONE);
            assertFalse(client.connect(true), "Clean Start discards the session (MQTT-3.1.2-4)");
            client.subscribe(Subscription.of(topic, 1));
            publisher.publish(topic, utf8("marker"), false, 1, PublishProperties.NONE);
            inbox.pump(client);
            inbox.await("marker", WAIT);
            assertEquals(List.of("marker"), inbox.payloads(), "the old session's message must be gone");
            inbox.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void connectFalseWithoutAnExpiryKeepsThe311MeaningOfAPersistentSession(Broker broker) throws Exception {
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "persistent").build()) {
            client.connect(false);
            assertTrue(client.connack().sessionExpiry() > 0, "connect(false) asks for a session that never expires"
                    + " (the broker may cap it): " + client.connack());
            client.disconnect();
            assertTrue(client.connect(false), "the session was kept: " + client.connack());
            client.disconnect();
            assertFalse(client.connect(true));
            client.disconnect();
        }
    }
}

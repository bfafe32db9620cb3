package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import umqtt.mqtt5.Subscription;
import umqtt.mqtt5.UserProperty;
import umqtt.tests.brokers.Broker;

/**
 * PUBLISH properties (MQTT 5.0, 3.3.2.3) through real brokers: what one client sends, another
 * receives; the broker honours the Message Expiry Interval of a queued message.
 */
class PublishPropertiesTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void everyPropertyArrivesAtEveryQos(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("props");
        Inbox inbox = new Inbox();
        List<UserProperty> users = List.of(new UserProperty("k", "v1"), new UserProperty("k", "v2"),
                new UserProperty("ünï", "ç☃de"), new UserProperty("empty", ""));
        try (Mqtt5Client subscriber = Mqtt5Brokers.client(broker, "sub").build();
                Mqtt5Client publisher = Mqtt5Brokers.client(broker, "pub").userProperty("on", "connect").build()) {
            subscriber.setCallback(inbox);
            subscriber.connect();
            subscriber.subscribe(Subscription.of(topic, 2));
            inbox.pump(subscriber);
            publisher.connect();
            for (int qos = 0; qos <= 2; qos++) {
                PublishProperties.Builder b = PublishProperties.builder().utf8Payload(true).contentType("text/x-" + qos)
                        .responseTopic(topic + "/reply").correlationData(new byte[] {(byte) qos, 0, -1})
                        .messageExpiry(3600);
                users.forEach(u -> b.userProperty(u.name(), u.value()));
                publisher.publish(topic, utf8("qos " + qos), false, qos, b.build());
            }
            for (int qos = 0; qos <= 2; qos++) {
                Inbox.Received r = inbox.await("qos " + qos, WAIT);
                PublishProperties p = r.properties();
                assertEquals(qos, r.message().qos());
                assertTrue(p.utf8Payload(), p.toString());
                assertEquals("text/x-" + qos, p.contentType());
                assertEquals(topic + "/reply", p.responseTopic());
                assertArrayEquals(new byte[] {(byte) qos, 0, -1}, p.correlationData());
                assertEquals(users, p.userProperties(), "user properties in order, repeats kept (MQTT-3.3.2-18)");
                assertTrue(p.messageExpiry() > 3590 && p.messageExpiry() <= 3600, "the broker sends what is left of"
                        + " the expiry (MQTT-3.3.2-6): " + p);
                assertEquals(0, p.subscriptionIdentifiers().length, p.toString());
            }
            inbox.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aMessageWithoutPropertiesArrivesWithNone(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("noprops");
        Inbox inbox = new Inbox();
        try (Mqtt5Client subscriber = Mqtt5Brokers.client(broker, "sub").build();
                Mqtt5Client publisher = Mqtt5Brokers.client(broker, "pub").build()) {
            subscriber.setCallback(inbox);
            subscriber.connect();
            subscriber.subscribe(Subscription.of(topic, 1));
            inbox.pump(subscriber);
            publisher.connect();
            publisher.publish(topic, utf8("plain"), false, 1); // the 3.1.1 method
            PublishProperties p = inbox.await("plain", WAIT).properties();
            assertTrue(p.isEmpty(), p.toString());
            assertFalse(p.utf8Payload());
            assertEquals(PublishProperties.NO_EXPIRY, p.messageExpiry());
            inbox.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void theBrokerDropsAQueuedMessageOnceItExpired(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("expiry");
        Inbox inbox = new Inbox();
        try (Mqtt5Client subscriber = Mqtt5Brokers.client(broker, "away").sessionExpiry(Duration.ofSeconds(60)).build();
                Mqtt5Client publisher = Mqtt5Brokers.client(broker, "pub").build()) {
            subscriber.setCallback(inbox);
            subscriber.connect(true);
            subscriber.subscribe(Subscription.of(topic, 1));
            subscriber.disconnect();
            publisher.connect();
            long published = System.nanoTime();
            publisher.publish(topic, utf8("expires in 1 s"), false, 1,
                    PublishProperties.builder().messageExpiry(1).build());
            publisher.publish(topic, utf8("expires in 1 h"), false, 1,
                    PublishProperties.builder().messageExpiry(3600).build());
            publisher.publish(topic, utf8("never expires"), false, 1, PublishProperties.NONE);
            // Nothing to await here but the broker's clock: the message must be queued past its expiry.
            Thread.sleep(Math.max(0, 2100 - (System.nanoTime() - published) / 1_000_000));
            assertTrue(subscriber.connect(false));
            inbox.pump(subscriber);
            inbox.await("never expires", WAIT);
            assertEquals(List.of("expires in 1 h", "never expires"), inbox.payloads(),
                    "the expired message must not be delivered (MQTT-3.3.2-5)");
            long left = inbox.all().get(0).properties().messageExpiry();
            assertTrue(left >= 3590 && left <= 3598, "the expiry is sent less the time it waited: " + left);
            inbox.close();
        }
    }
}

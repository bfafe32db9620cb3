package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.Message;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.BrokerDeviation;

/** Publish and subscribe through real brokers: every QoS both ways, binary and large payloads, retain. */
class PublishSubscribeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void everyQosBothWaysDeliversTheExactBytes(Broker broker) throws Exception {
        String topic = TestClients.unique("qos");
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i; // every byte value, NUL and 0xFF included
        }
        Inbox inbox = new Inbox();
        try (SimpleClient sub = TestClients.tcp(broker, "sub").build();
             SimpleClient pub = TestClients.tcp(broker, "pub").build()) {
            sub.setCallback(inbox);
            sub.connect();
            pub.connect();
            for (int subQos = 0; subQos <= 2; subQos++) {
                assertEquals(subQos, sub.subscribe(topic + "/" + subQos, subQos), "granted QoS");
            }
            int expected = 0;
            for (int subQos = 0; subQos <= 2; subQos++) {
                for (int pubQos = 0; pubQos <= 2; pubQos++) {
                    pub.publish(topic + "/" + subQos, binary, false, pubQos);
                    expected++;
                    List<Message> got = inbox.await(sub, expected, WAIT);
                    Message m = got.get(expected - 1);
                    assertEquals(topic + "/" + subQos, m.topicString());
                    assertArrayEquals(binary, m.payload());
                    assertEquals(Math.min(subQos, pubQos), m.qos(), "delivered with the lower QoS");
                    assertFalse(m.retained());
                    assertFalse(m.dup());
                }
            }
            pub.publish((topic + "/2").getBytes(StandardCharsets.UTF_8), new byte[0], false, 2);
            assertEquals(0, inbox.await(sub, expected + 1, WAIT).get(expected).payload().length, "empty payload");
            sub.disconnect();
            pub.disconnect();
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void largeBinaryPayloadsArriveIntact(Broker broker) throws Exception {
        String topic = TestClients.unique("large");
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(big);
        Inbox inbox = new Inbox();
        try (SimpleClient sub = TestClients.tcp(broker, "sub").build();
             SimpleClient pub = TestClients.tcp(broker, "pub").build()) {
            sub.setCallback(inbox);
            sub.connect();
            pub.connect();
            sub.subscribe(topic, 1);
            pub.publish(topic, big, false, 1);
            pub.publish(topic, big, false, 0);
            List<Message> got = inbox.await(sub, 2, WAIT);
            assertArrayEquals(big, got.get(0).payload());
            assertArrayEquals(big, got.get(1).payload());
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void retainedMessagesAreFlaggedOnlyWhenSentForANewSubscription(Broker broker) throws Exception {
        String topic = TestClients.unique("retained");
        Inbox inbox = new Inbox();
        try (SimpleClient pub = TestClients.tcp(broker, "pub").build();
             SimpleClient sub = TestClients.tcp(broker, "sub").build()) {
            pub.connect();
            pub.publish(topic, "kept".getBytes(), true, 1);
            sub.setCallback(inbox);
            sub.connect();
            sub.subscribe(topic, 1);
            Message stored = inbox.await(sub, 1, WAIT).get(0);
            assertTrue(stored.retained(), "sent because of the new subscription");
            assertEquals("kept", new String(stored.payload()));
            pub.publish(topic, "live".getBytes(), true, 1);
            Message live = inbox.await(sub, 2, WAIT).get(1);
            assertFalse(live.retained(), "a live message is not flagged retained, even if published with retain");
            pub.publish(topic, new byte[0], true, 1); // clears the retained message
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void severalFiltersInOneSubscribeReturnEachGrantedQos(Broker broker) throws Exception {
        String topic = TestClients.unique("multi");
        Inbox inbox = new Inbox();
        try (SimpleClient c = TestClients.tcp(broker, "multi").build()) {
            c.setCallback(inbox);
            c.connect();
            int[] granted = c.subscribe(new byte[][] {(topic + "/a").getBytes(), (topic + "/b/+").getBytes(),
                (topic + "/c/#").getBytes()}, new int[] {0, 1, 2});
            assertArrayEquals(new int[] {0, 1, 2}, granted);
            c.publish(topic + "/a", "1".getBytes(), false, 2);
            c.publish(topic + "/b/x", "2".getBytes(), false, 2);
            c.publish(topic + "/c/y/z", "3".getBytes(), false, 2);
            List<Message> got = inbox.await(c, 3, WAIT);
            BrokerDeviation.QOS_NOT_DOWNGRADED_TO_THE_GRANTED_QOS.assumeAbsentIn(broker);
            assertEquals(List.of(0, 1, 2), got.stream().map(Message::qos).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void unsubscribeStopsDelivery(Broker broker) throws Exception {
        String topic = TestClients.unique("unsub");
        Inbox inbox = new Inbox();
        try (SimpleClient c = TestClients.tcp(broker, "c").build()) {
            c.setCallback(inbox);
            c.connect();
            c.subscribe(topic + "/+", 1);
            c.publish(topic + "/a", "1".getBytes(), false, 1);
            inbox.await(c, 1, WAIT);
            c.unsubscribe(topic + "/+");
            c.subscribe(topic + "/marker", 1);
            c.publish(topic + "/a", "2".getBytes(), false, 1);
            c.publish(topic + "/marker", "3".getBytes(), false, 1);
            // Our own publishes reach the broker in order, so "2" would arrive before the marker.
            List<Message> got = inbox.await(c, 2, WAIT);
            assertEquals(topic + "/marker", got.get(1).topicString(), "no delivery after unsubscribe: " + got);
        }
    }
}

package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Connack;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.Subscription;
import umqtt.mqtt5.UserProperty;
import umqtt.tests.brokers.Broker;

/** The common path against real MQTT 5 brokers: connect, publish with properties at every QoS, subscribe, receive. */
class BrokerSmokeTest {

    static java.util.stream.Stream<Broker> brokers() {
        return Mqtt5Clients.brokers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void publishAndReceiveWithPropertiesAtEveryQos(Broker broker) throws Exception {
        String topic = Mqtt5Clients.unique("m5/smoke");
        Mqtt5Clients.Received in = new Mqtt5Clients.Received();
        try (Mqtt5Client c = Mqtt5Clients.tcp(broker, "smoke").keepAlive(Duration.ofSeconds(30)).build()) {
            c.setCallback(in::add);
            assertFalse(c.connect(true));
            Connack ack = c.connack();
            assertNotNull(ack);
            assertEquals(0, ack.reasonCode());
            int[] granted = c.subscribe(List.of(Subscription.of(topic + "/#", 2)), 7, List.of(new UserProperty("k", "v")));
            assertEquals(2, granted[0]);
            PublishProperties props = PublishProperties.builder().contentType("text/plain").responseTopic(topic + "/reply")
                    .correlationData(new byte[] {1, 2, 3}).userProperty("a", "1").userProperty("a", "2")
                    .messageExpiry(60).utf8Payload(true).build();
            for (int qos = 0; qos <= 2; qos++) {
                int reason = c.publish(topic + "/q" + qos, ("hello " + qos).getBytes(StandardCharsets.UTF_8), false, qos,
                        props);
                assertTrue(reason == 0 || reason == 0x10, "reason " + reason);
            }
            in.await(c, 3);
            for (int i = 0; i < 3; i++) {
                PublishProperties got = in.properties.get(i);
                assertEquals("text/plain", got.contentType());
                assertEquals(topic + "/reply", got.responseTopic());
                assertArrayEquals(new byte[] {1, 2, 3}, got.correlationData());
                assertEquals(List.of(new UserProperty("a", "1"), new UserProperty("a", "2")), got.userProperties());
                assertArrayEquals(new int[] {7}, got.subscriptionIdentifiers());
                assertTrue(got.utf8Payload());
                String text = new String(in.messages.get(i).payload(), StandardCharsets.UTF_8);
                assertEquals("hello " + in.messages.get(i).qos(), text, "QoS per topic (order across QoS may vary)");
            }
            assertArrayEquals(new int[] {0}, c.unsubscribe(List.of((topic + "/#").getBytes(StandardCharsets.UTF_8)),
                    List.of()));
            c.disconnect();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void theOldMethodsWorkAndSendStaysWithinTheBrokersReceiveMaximum(Broker broker) throws Exception {
        String topic = Mqtt5Clients.unique("m5/send");
        List<Long> acked = new ArrayList<>();
        Mqtt5Clients.Received in = new Mqtt5Clients.Received();
        try (Mqtt5Client c = Mqtt5Clients.tcp(broker, "send").maxInFlight(1000).build()) {
            c.setCallback(m -> in.add(m, PublishProperties.NONE));
            c.setAckListener((ticket, failure) -> {
                assertEquals(null, failure);
                acked.add(ticket);
            });
            c.connect();
            int window = c.connack().receiveMaximum();
            assertTrue(window < 1000, "the broker's Receive Maximum is what limits the window here: " + c.connack());
            assertEquals(1, c.subscribe(topic.getBytes(StandardCharsets.UTF_8), 1));
            for (int i = 0; i < 200; i++) {
                c.send(topic.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) i}, false, 1);
                assertTrue(c.inFlight() <= window, c.inFlight() + " in flight, over the broker's " + window);
            }
            assertTrue(c.flush(Duration.ofSeconds(10)));
            assertEquals(200, acked.size());
            in.await(c, 200);
            for (int i = 0; i < 200; i++) {
                assertEquals((byte) i, in.messages.get(i).payload()[0]);
            }
            c.unsubscribe(topic.getBytes(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void willWithPropertiesAndDisconnectWithReason(Broker broker) throws Exception {
        try (Mqtt5Client c = Mqtt5Clients.tcp(broker, "will").build()) {
            c.setLastWill("m5/will".getBytes(StandardCharsets.UTF_8), new byte[1], false, 1,
                    PublishProperties.builder().contentType("x").build(), Duration.ofSeconds(5));
            c.connect(false);
            c.disconnect(0x04, 0, "bye", List.of(new UserProperty("why", "test")));
            assertThrows(IllegalStateException.class, () -> c.publish("a".getBytes(), new byte[0], false, 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void robustClientWorksUnchangedOverTheMqtt5Client(Broker broker) throws Exception {
        String topic = Mqtt5Clients.unique("m5/robust");
        List<String> got = new ArrayList<>();
        try (umqtt.robust.RobustClient r = umqtt.robust.RobustClient.wrap(Mqtt5Clients.tcp(broker, "robust").build())) {
            r.setCallback(m -> got.add(new String(m.payload(), StandardCharsets.UTF_8)));
            r.connect(false);
            r.subscribe(topic, 1);
            r.publish(topic, "via robust".getBytes(StandardCharsets.UTF_8), false, 1);
            long end = System.nanoTime() + 10_000_000_000L;
            while (got.isEmpty() && System.nanoTime() < end) {
                r.checkMsg();
            }
            assertEquals(List.of("via robust"), got);
            r.disconnect();
        }
    }
}

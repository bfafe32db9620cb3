package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.ReasonCode;
import umqtt.mqtt5.Subscription;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.DeniedTopics;

/**
 * Reason codes on acknowledgements (MQTT 5.0, 3.4.2.1, 3.5.2.1, 3.9.3, 3.11.3) as the brokers send
 * them: a refused publish is a {@link Mqtt5Exception} with the code, never a silent success.
 *
 * <p>What the brokers really do: both refuse a publish with 0x87 on PUBACK (QoS 1) and on PUBREC
 * (QoS 2), and after it HiveMQ CE closes the connection with DISCONNECT 0x87 (by design), while
 * Mosquitto keeps the link. HiveMQ refuses a subscription with SUBACK 0x87 (its Reason String ends
 * in ". "); Mosquitto 2.0.11 grants every subscription its ACL file denies (it only withholds the
 * messages). The UNSUBSCRIBE of a filter never subscribed: Mosquitto 0x11, HiveMQ CE 0x00. A publish
 * nobody subscribed: 0x10 at QoS 1 from both; at QoS 2 (on PUBREC) HiveMQ 0x10, Mosquitto 0x00.
 */
class ReasonCodesTest {

    private static final byte[] PAYLOAD = "x".getBytes(StandardCharsets.UTF_8);

    static List<Refusals> refusals() {
        return Refusals.all().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedPublishIsAnExceptionWithTheReasonCodeAtQos1And2(Refusals broker) throws Exception {
        try (broker) {
            for (int qos = 1; qos <= 2; qos++) {
                for (boolean withProperties : new boolean[] {true, false}) {
                    try (Mqtt5Client client = broker.client().build()) {
                        client.connect();
                        int q = qos;
                        Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> {
                            if (withProperties) {
                                client.publish("denied/x", PAYLOAD, false, q, PublishProperties.NONE);
                            } else {
                                client.publish("denied/x", PAYLOAD, false, q); // the 3.1.1 method: never a silent success
                            }
                        }, "qos " + qos);
                        assertEquals(ReasonCode.NOT_AUTHORIZED, e.code(), e.getMessage());
                        assertTrue(e.getMessage().contains("Not authorized"), e.getMessage());
                        assertFalse(e.getMessage().contains("disconnected"), "the refusal came on PUBACK/PUBREC: " + e);
                        if (broker.name().equals("hivemq")) {
                            assertEquals(DeniedTopics.REASON, e.reasonString());
                            assertTrue(e.getMessage().contains(DeniedTopics.REASON), e.getMessage());
                            // HiveMQ CE then closes the connection with DISCONNECT 0x87 and a reason string of
                            // its own: the client reports it on its next call.
                            Mqtt5Exception d = assertThrows(Mqtt5Exception.class,
                                    () -> client.publish("ok/x", PAYLOAD, false, 1, PublishProperties.NONE));
                            assertEquals(ReasonCode.NOT_AUTHORIZED, d.code(), d.getMessage());
                            assertTrue(d.getMessage().contains("disconnected"), d.getMessage());
                        } else {
                            // Mosquitto keeps the link.
                            assertEquals(ReasonCode.NO_MATCHING_SUBSCRIBERS,
                                    client.publish("ok/x", PAYLOAD, false, 1, PublishProperties.NONE));
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedSubscriptionHasItsReasonCodeBesideTheGrantedOnes(Refusals broker) throws Exception {
        try (broker; Mqtt5Client client = broker.client().build()) {
            client.setCallback((m, p) -> { });
            client.connect();
            int[] codes = client.subscribe(List.of(Subscription.of("ok/a", 1), Subscription.of("denied/#", 1),
                    Subscription.of("ok/b", 2)), 0, List.of());
            if (broker.name().equals("hivemq")) {
                assertArrayEquals(new int[] {1, ReasonCode.NOT_AUTHORIZED, 2}, codes);
                Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> client.subscribe(Subscription.of("denied/x", 1)));
                assertEquals(ReasonCode.NOT_AUTHORIZED, e.code());
                assertTrue(e.reasonString().startsWith(DeniedTopics.REASON), e.reasonString());
                Mqtt5Exception plain = assertThrows(Mqtt5Exception.class, () -> client.subscribe("denied/y", 0));
                assertEquals(ReasonCode.NOT_AUTHORIZED, plain.code());
            } else {
                // Mosquitto 2.0.11 grants what its ACL file denies (and then withholds the messages).
                assertArrayEquals(new int[] {1, 1, 2}, codes);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void unsubscribingWhatWasNeverSubscribedIsNoSubscriptionExisted(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("unsub");
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "unsub").build()) {
            client.setCallback((m, p) -> { });
            client.connect();
            client.subscribe(Subscription.of(topic, 1));
            int[] codes = client.unsubscribe(List.of((topic).getBytes(StandardCharsets.UTF_8),
                    (topic + "/never").getBytes(StandardCharsets.UTF_8)), List.of());
            // Mosquitto: 0x11 No subscription existed; HiveMQ CE 2025.5 says 0x00 Success.
            assertArrayEquals(new int[] {ReasonCode.SUCCESS, broker.name().equals("hivemq") ? ReasonCode.SUCCESS
                    : ReasonCode.NO_SUBSCRIPTION_EXISTED}, codes);
            client.unsubscribe(topic + "/never"); // 0x11 is a success: the 3.1.1 method does not throw
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aPublishNobodySubscribedIsNoMatchingSubscribers(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("nobody");
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "nobody").build()) {
            client.setCallback((m, p) -> { });
            client.connect();
            assertEquals(ReasonCode.SUCCESS, client.publish(topic, PAYLOAD, false, 0, PublishProperties.NONE));
            assertEquals(ReasonCode.NO_MATCHING_SUBSCRIBERS, client.publish(topic, PAYLOAD, false, 1, PublishProperties.NONE));
            // At QoS 2 the code comes with PUBREC: HiveMQ sends 0x10, Mosquitto 2.0.11 sends 0x00.
            assertEquals(broker.name().equals("hivemq") ? ReasonCode.NO_MATCHING_SUBSCRIBERS : ReasonCode.SUCCESS,
                    client.publish(topic, PAYLOAD, false, 2, PublishProperties.NONE));
            client.publish(topic, PAYLOAD, false, 1); // a success: the 3.1.1 method does not throw
            client.subscribe(Subscription.of(topic, 1));
            assertEquals(ReasonCode.SUCCESS, client.publish(topic, PAYLOAD, false, 1, PublishProperties.NONE));
        }
    }
}

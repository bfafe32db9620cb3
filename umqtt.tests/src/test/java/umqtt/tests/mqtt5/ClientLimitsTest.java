package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.mqtt5.Mqtt5Brokers.WAIT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.ReasonCode;
import umqtt.mqtt5.Subscription;
import umqtt.tests.brokers.Broker;

/**
 * Limits the client announces in CONNECT (MQTT 5.0, 3.1.2.11), as the brokers honour them: its
 * Receive Maximum (a burst of queued QoS 1 messages still arrives whole, and the client, which closes
 * the link with 0x93 when a server exceeds it, has nothing to complain about) and its Maximum Packet
 * Size (a message too large for it is dropped by the broker, MQTT-3.1.2-25).
 */
class ClientLimitsTest {

    private static final int QUEUED = 30;

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aBurstOfQueuedMessagesRespectsTheClientsReceiveMaximum(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("rxmax");
        Inbox inbox = new Inbox();
        try (Mqtt5Client subscriber = Mqtt5Brokers.client(broker, "rxmax").receiveMaximum(1)
                .sessionExpiry(Duration.ofSeconds(30)).build();
                Mqtt5Client publisher = Mqtt5Brokers.client(broker, "pub").build()) {
            subscriber.setCallback(inbox);
            subscriber.connect(true);
            subscriber.subscribe(Subscription.of(topic, 2));
            subscriber.disconnect();
            publisher.connect();
            for (int i = 0; i < QUEUED; i++) {
                publisher.publish(topic, ("q" + i).getBytes(StandardCharsets.UTF_8), false, 1 + i % 2,
                        PublishProperties.NONE);
            }
            assertTrue(subscriber.connect(false));
            inbox.pump(subscriber);
            inbox.await(QUEUED, WAIT);
            assertEquals(QUEUED, new TreeSet<>(inbox.payloads()).size(), inbox.payloads().toString());
            assertEquals(null, inbox.failure());
            inbox.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void theBrokerDropsAMessageTooLargeForTheClient(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("maxpacket");
        Inbox inbox = new Inbox();
        try (Mqtt5Client subscriber = Mqtt5Brokers.client(broker, "small").maxPacketSize(512).build();
                Mqtt5Client publisher = Mqtt5Brokers.client(broker, "pub").build()) {
            subscriber.setCallback(inbox);
            subscriber.connect();
            subscriber.subscribe(Subscription.of(topic, 1));
            inbox.pump(subscriber);
            publisher.connect();
            publisher.publish(topic, new byte[1000], false, 1, PublishProperties.NONE);
            publisher.publish(topic, "small".getBytes(StandardCharsets.UTF_8), false, 1, PublishProperties.NONE);
            inbox.await("small", WAIT);
            assertEquals(List.of("small"), inbox.payloads(), "the broker must not send the 1000-byte message");
            assertEquals(null, inbox.failure());
            inbox.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aFastQos2StreamAndTheClientsReceiveMaximum(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("rxmax2");
        int messages = 2000;
        Inbox inbox = new Inbox();
        try (Mqtt5Client subscriber = Mqtt5Brokers.client(broker, "rxmax2").receiveMaximum(10).build();
                Mqtt5Client publisher = Mqtt5Brokers.client(broker, "pub").build()) {
            subscriber.setCallback(inbox);
            subscriber.connect();
            subscriber.subscribe(Subscription.of(topic, 2));
            inbox.pump(subscriber);
            publisher.connect();
            for (int i = 0; i < messages; i++) {
                publisher.send(topic, ("m" + i).getBytes(StandardCharsets.UTF_8), false, 2);
            }
            assertTrue(publisher.flush(WAIT));
            // Mosquitto 2.0.11 refills its send quota on PUBREC instead of PUBCOMP (MQTT 5.0, 4.9), so each
            // PUBCOMP releases up to Receive Maximum more PUBLISHes while earlier ones still await PUBREL
            // (its log shows 19 in flight against 10). The client counts what it has not answered (no
            // PUBREC sent yet), which never exceeds 10 here, and takes every message: no 0x93 for a burst.
            inbox.await(messages, WAIT);
            assertEquals(messages, new TreeSet<>(inbox.payloads()).size(), "each message once");
            assertEquals(null, inbox.failure());
            inbox.close();
        }
    }
}

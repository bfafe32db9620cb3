package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.mqtt5.Mqtt5Brokers.WAIT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Subscription;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;

/**
 * The server's Receive Maximum is the client's send window (MQTT 5.0, 4.9; MQTT-3.3.4-7): with a
 * larger window of its own, the client never has more QoS 1/2 messages unacknowledged than the
 * server allows. Mosquitto announces {@code max_inflight_messages} (configured to 3 here); HiveMQ CE
 * its default of 10. A client that exceeded it would be disconnected with 0x93 by HiveMQ.
 */
class ReceiveMaximumTest {

    private static final int MESSAGES = 300;

    @ParameterizedTest(name = "qos {0}")
    @ValueSource(ints = {1, 2})
    void mosquittosReceiveMaximumBoundsTheWindow(int qos) throws Exception {
        try (ConfiguredMosquitto broker = ConfiguredMosquitto.start("max_inflight_messages 3")) {
            sendThroughTheWindow(broker.uri(), qos, 3);
        }
    }

    @ParameterizedTest(name = "qos {0}")
    @ValueSource(ints = {1, 2})
    void hivemqsReceiveMaximumBoundsTheWindow(int qos) throws Exception {
        sendThroughTheWindow(Brokers.hivemq().uri(Listener.TCP), qos, 10);
    }

    private static void sendThroughTheWindow(URI server, int qos, int receiveMaximum) throws Exception {
        String topic = Mqtt5Brokers.topic("window");
        Inbox inbox = new Inbox();
        // The subscriber's own Receive Maximum is not the subject: the largest, as Mosquitto 2.0.11 exceeds a
        // smaller one at QoS 2 under load (ClientLimitsTest#aFastQos2StreamAndTheClientsReceiveMaximum).
        try (Mqtt5Client subscriber = Mqtt5Brokers.client(server, "sub").receiveMaximum(65_535).build();
                Mqtt5Client sender = Mqtt5Brokers.client(server, "sender").maxInFlight(1000).build()) {
            subscriber.setCallback(inbox);
            subscriber.connect();
            subscriber.subscribe(Subscription.of(topic, qos));
            inbox.pump(subscriber);
            sender.connect();
            assertEquals(receiveMaximum, sender.connack().receiveMaximum(), sender.connack().toString());
            int most = 0;
            for (int i = 0; i < MESSAGES; i++) {
                sender.send(topic, ("m" + i).getBytes(StandardCharsets.UTF_8), false, qos);
                most = Math.max(most, sender.inFlight());
                assertTrue(sender.inFlight() <= receiveMaximum,
                        sender.inFlight() + " in flight after send " + i + ", the server allows " + receiveMaximum);
            }
            assertTrue(sender.flush(WAIT), sender.inFlight() + " still in flight");
            assertTrue(most >= 2, "the window was never used: at most " + most + " in flight");
            inbox.await(MESSAGES, WAIT);
            assertEquals(MESSAGES, new TreeSet<>(inbox.payloads()).size(), "every message once");
            inbox.close();
        }
    }
}

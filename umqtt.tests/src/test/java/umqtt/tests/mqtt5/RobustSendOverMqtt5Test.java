package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Subscription;
import umqtt.robust.RobustClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.robust.FaultProxy;

/**
 * RobustClient.send over an {@link Mqtt5Client} (the pipelined path, its window the broker's Receive
 * Maximum) through a link cut every 200-400 ms, each cut followed by 20-60 ms of refused
 * connections: every message arrives at an independent subscriber, the first arrivals in the order
 * sent, QoS 2 exactly once; the listener hears of every ticket once, acknowledged.
 */
class RobustSendOverMqtt5Test {

    private static final int MESSAGES = 3000;
    private static final int MIN_CUTS = 4;
    private static final int MAX_MESSAGES = 50_000;
    private static final int LAG = 300;

    @ParameterizedTest(name = "{0} qos {1}")
    @MethodSource("umqtt.tests.mqtt5.RobustOverMqtt5Test#brokersAndQos")
    void everySendArrivesInOrderThroughCuts(Broker broker, int qos) throws Exception {
        String topic = Mqtt5Brokers.topic("robust/send/" + qos);
        Inbox inbox = new Inbox();
        Map<Long, Integer> acks = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.TCP));
                // The largest Receive Maximum: Mosquitto 2.0.11 exceeds a smaller one at QoS 2 under load
                // (ClientLimitsTest#aFastQos2StreamAndTheClientsReceiveMaximum), which is not this test's subject.
                Mqtt5Client receiver = Mqtt5Brokers.client(broker, "send-receiver").receiveMaximum(65_535).build();
                RobustClient publisher = RobustClient.builder().initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(100)).maxBufferedMessages(LAG)
                        .wrap(Mqtt5Brokers.client(proxy.uri(), "send-cuts").responseTimeout(Duration.ofSeconds(5))
                                .build())) {
            receiver.setCallback(inbox);
            receiver.connect(false);
            receiver.subscribe(Subscription.of(topic, qos));
            inbox.pump(receiver);
            publisher.setAckListener((ticket, failure) -> {
                acks.merge(ticket, 1, Integer::sum);
                if (failure != null) {
                    failures.add(ticket + ": " + failure);
                }
            });
            publisher.connect(true);
            AtomicInteger cuts = new AtomicInteger();
            Runnable[] cut = new Runnable[1];
            cut[0] = () -> {
                proxy.refuseNew(true);
                proxy.cutAll();
                cuts.incrementAndGet();
                cutter.schedule(() -> proxy.refuseNew(false), ThreadLocalRandom.current().nextLong(20, 61),
                        TimeUnit.MILLISECONDS);
                cutter.schedule(cut[0], ThreadLocalRandom.current().nextLong(200, 401), TimeUnit.MILLISECONDS);
            };
            cutter.schedule(cut[0], 200, TimeUnit.MILLISECONDS);
            int sent = 0;
            while (sent < MESSAGES || cuts.get() < MIN_CUTS && sent < MAX_MESSAGES) {
                long ticket = publisher.send(topic, ("m-" + sent).getBytes(StandardCharsets.UTF_8), false, qos);
                sent++;
                assertEquals(sent, ticket, "tickets count the sends");
                if (sent % 100 == 0 && sent - publisher.inFlight() - LAG > 0) {
                    assertTrue(inbox.awaitDistinct(sent - publisher.inFlight() - LAG, Duration.ofSeconds(20)),
                            "the receiver fell behind: " + inbox.failure());
                }
            }
            assertTrue(publisher.flush(Duration.ofSeconds(30)), publisher.inFlight() + " still in flight");
            cutter.shutdownNow();
            assertTrue(cuts.get() >= MIN_CUTS, "cut too rarely: " + cuts + " cuts for " + sent);
            assertTrue(inbox.awaitDistinct(sent, Duration.ofSeconds(20)),
                    new HashSet<>(inbox.payloads()).size() + " of " + sent + " arrived; receiver: " + inbox.failure());
            assertInOrder(inbox.payloads(), sent);
            if (qos == 2) {
                assertEquals(Map.of(), inbox.duplicates(), "QoS 2 delivered more than once");
            }
            assertEquals(List.of(), failures, "tickets that failed");
            assertEquals(sent, acks.size(), "tickets heard of");
            acks.forEach((t, n) -> assertEquals(1, n, "ticket " + t + " heard of " + n + " times"));
            inbox.close();
        } finally {
            cutter.shutdownNow();
        }
    }

    /** The first arrival of each message comes in the order sent; a later arrival is a re-send. */
    private static void assertInOrder(List<String> sequence, int messages) {
        Set<String> seen = new HashSet<>();
        int next = 0;
        for (int k = 0; k < sequence.size(); k++) {
            if (seen.add(sequence.get(k))) {
                assertEquals("m-" + next, sequence.get(k), "arrival " + k + " overtook an earlier message");
                next++;
            }
        }
        assertEquals(messages, next, "distinct arrivals");
    }
}

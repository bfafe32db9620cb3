package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;

/**
 * RobustClient.send across a failover, on real brokers: two servers (proxies to one broker), the
 * first dies with messages in flight and in the offline buffer; everything the first did not
 * acknowledge is sent to the second, before the messages sent later, and each ticket is heard of
 * once.
 */
class SendFailoverTest {

    private static final int MESSAGES = 2000;

    static Stream<Broker> brokers() {
        return Stream.of(Brokers.hivemq(), Brokers.mosquitto());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void whatTheDeadServerDidNotAcknowledgeGoesToTheNextOneInOrder(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String topic = "robust/send-failover/" + System.nanoTime();
        String id = "send-failover-" + System.nanoTime();
        RecordingLogger log = new RecordingLogger();
        Map<Long, Integer> acks = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        try (FaultProxy first = FaultProxy.to(uri);
                FaultProxy second = FaultProxy.to(uri);
                Receiver receiver = Receiver.direct(uri, topic, 1);
                RobustClient c = RobustClient.builder().initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(50)).logger(log)
                        .wrap(client(id, first.uri()), client(id, second.uri()))) {
            c.setAckListener((ticket, failure) -> {
                acks.merge(ticket, 1, Integer::sum);
                if (failure != null) {
                    failures.add(ticket + ": " + failure);
                }
            });
            c.connect(true);
            // Slow acknowledgements keep a full window in flight when the first server dies.
            first.latency(Duration.ofMillis(20));
            for (int i = 0; i < MESSAGES; i++) {
                if (i == MESSAGES / 2) {
                    first.refuseNew(true);
                    first.cutAll();
                }
                c.send(topic, ("m-" + i).getBytes(StandardCharsets.UTF_8), false, 1);
            }
            assertTrue(c.flush(Duration.ofSeconds(30)), c.inFlight() + " in flight; log:\n" + log.all());
            assertEquals(1, second.accepted(), "failed over once to the second server");
            assertTrue(receiver.awaitDistinct(MESSAGES, Duration.ofSeconds(20)),
                    "only " + receiver.distinct() + " of " + MESSAGES + " arrived; log:\n" + log.all());
            SendUnderCutsTest.assertInOrder(receiver.sequence(), MESSAGES);
            assertEquals(List.of(), failures);
            assertEquals(MESSAGES, acks.size());
            acks.forEach((t, n) -> assertEquals(1, n, "ticket " + t + " heard of " + n + " times"));
            // Whether a message of the window also reached the broker through the dying first proxy (and so
            // arrives twice) depends on what that proxy forwarded before the cut: at least once, not exactly once.
        }
    }

    private static SimpleClient client(String id, URI server) {
        return SimpleClient.builder().clientId(id).server(server.toString()).connectTimeout(Duration.ofSeconds(2))
                .build();
    }
}

package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.robust.BackoffStrategy;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.FreePorts;

/** Failover across servers, and the backoff between attempts, against real brokers behind proxies. */
class FailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static SimpleClient client(String id, URI server) {
        return SimpleClient.builder().clientId(id).server(server.toString()).connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void movesFromADeadServerToALiveOneAndOnWhenThatOneDies(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String topic = "robust/failover/" + System.nanoTime();
        String id = "robust-failover-" + System.nanoTime();
        URI dead = URI.create("mqtt://127.0.0.1:" + FreePorts.loopback());
        RecordingLogger log = new RecordingLogger();
        try (FaultProxy first = FaultProxy.to(uri);
                FaultProxy second = FaultProxy.to(uri);
                Receiver receiver = Receiver.direct(uri, topic, 1);
                RobustClient c = RobustClient.builder().initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(50)).logger(log)
                        .wrap(client(id, dead), client(id, first.uri()), client(id, second.uri()))) {
            c.connect(false);
            assertEquals(1, first.accepted(), "the dead server was not skipped");
            for (int i = 0; i < 100; i++) {
                c.publish(topic, ("m-" + i).getBytes(StandardCharsets.UTF_8), false, 1);
            }
            first.refuseNew(true);
            first.cutAll();
            for (int i = 100; i < 200; i++) {
                c.publish(topic, ("m-" + i).getBytes(StandardCharsets.UTF_8), false, 1);
            }
            assertEquals(1, second.accepted(), "not failed over to the third server");
            assertTrue(receiver.awaitDistinct(200, WAIT), "lost messages: " + receiver.distinct() + " of 200 arrived");
        }
    }

    @Test
    void backoffPausesGrowAndAreCappedMeasuredFromTheAttempts() throws IOException {
        Broker broker = Brokers.hivemq(); // any broker: the proxy refuses every connection before it
        RecordingLogger log = new RecordingLogger();
        // Jitter pinned to its upper bound: pauses of 25, 50, 100, 100, 100 ms.
        BackoffStrategy upper = BackoffStrategy.exponential(Duration.ofMillis(25), Duration.ofMillis(100), () -> -1L);
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.TCP));
                RobustClient c = RobustClient.builder().backoff(upper).maxAttempts(6).logger(log)
                        .wrap(client("robust-backoff", proxy.uri()))) {
            proxy.refuseNew(true);
            assertThrows(IOException.class, () -> c.connect(true));
            assertEquals(6, proxy.accepted(), "maxAttempts(6) made another number of attempts");
            List<RecordingLogger.Entry> failures = log.entries().stream()
                    .filter(e -> e.text().startsWith("connect failed")).toList();
            assertEquals(5, failures.size(), log.all());
            long[] expected = {25, 50, 100, 100};
            for (int i = 0; i < expected.length; i++) {
                long gap = (failures.get(i + 1).nanos() - failures.get(i).nanos()) / 1_000_000;
                assertTrue(gap >= expected[i] - 1, "pause " + (i + 1) + " was " + gap + " ms, expected " + expected[i]);
                assertTrue(gap < expected[i] + 1000, "pause " + (i + 1) + " was " + gap + " ms, above the cap");
            }
        }
    }
}

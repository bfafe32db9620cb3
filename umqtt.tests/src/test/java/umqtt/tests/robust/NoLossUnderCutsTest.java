package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;

/**
 * The promise of RobustClient: thousands of QoS 1 and QoS 2 publishes through a link that is cut
 * every few hundred milliseconds all arrive at an independent subscriber; QoS 2 exactly once.
 */
class NoLossUnderCutsTest {

    /** Published at least; more while the link was cut fewer than MIN_CUTS times. */
    private static final int MESSAGES = 3000;
    private static final int MIN_CUTS = 4;
    private static final int MAX_MESSAGES = 100_000;
    private static final int LAG = 500;

    /** What a run published and what arrived. */
    private record Result(Receiver receiver, int sent) {

        List<String> missing() {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                if (receiver.arrivals("m-" + i) == 0) {
                    missing.add("m-" + i);
                }
            }
            return missing;
        }

        void assertNoneLost() {
            List<String> missing = missing();
            assertTrue(missing.isEmpty(), missing.size() + " of " + sent + " messages lost, e.g. "
                    + missing.subList(0, Math.min(10, missing.size())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void qos1ArrivesAtLeastOnceThroughCuts(Broker broker) throws Exception {
        run(broker, 1, "noloss-" + System.nanoTime(), false).assertNoneLost();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void qos2ArrivesExactlyOnceThroughCuts(Broker broker) throws Exception {
        // connect(), a clean session: RobustClient makes it persistent at once, so exactly once holds.
        Result result = run(broker, 2, "noloss-" + System.nanoTime(), true);
        result.assertNoneLost();
        assertEquals(Map.of(), result.receiver().duplicates(), "QoS 2 messages delivered more than once");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void qos1WithoutAClientIdArrivesThroughCuts(Broker broker) throws Exception {
        // No client id: no session can be resumed; the robust client reconnects clean and publishes again.
        run(broker, 1, "", true).assertNoneLost();
    }

    /** Publishes through a proxy cut every 150-300 ms and returns once everything arrived (or not). */
    private static Result run(Broker broker, int qos, String clientId, boolean cleanSession) throws Exception {
        String topic = "robust/noloss/" + qos + "/" + System.nanoTime();
        RecordingLogger log = new RecordingLogger();
        ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.TCP));
                Receiver receiver = Receiver.direct(broker.uri(Listener.TCP), topic, qos);
                RobustClient publisher = RobustClient.builder()
                        .initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(100)).logger(log)
                        .wrap(SimpleClient.builder().clientId(clientId)
                                .server(proxy.uri().toString()).responseTimeout(Duration.ofSeconds(5)).build())) {
            publisher.connect(cleanSession);
            Runnable[] cut = new Runnable[1];
            cut[0] = () -> {
                proxy.cutAll();
                cutter.schedule(cut[0], ThreadLocalRandom.current().nextLong(150, 300), TimeUnit.MILLISECONDS);
            };
            cutter.schedule(cut[0], 150, TimeUnit.MILLISECONDS);
            // A fast broker takes in MESSAGES between two cuts: go on until the link was cut often enough.
            int sent = 0;
            while (sent < MESSAGES || proxy.accepted() <= MIN_CUTS && sent < MAX_MESSAGES) {
                publisher.publish(topic, ("m-" + sent).getBytes(StandardCharsets.UTF_8), false, qos);
                sent++;
                if (sent % LAG == 0) {
                    // Brokers drop messages beyond 1000 queued for one subscriber (both default to
                    // that): keep the subscriber within LAG messages of the publisher.
                    assertTrue(receiver.awaitDistinct(sent - LAG, Duration.ofSeconds(20)), "only "
                            + receiver.distinct() + " of " + (sent - LAG) + " arrived; robust log:\n" + log.all());
                }
            }
            cutter.shutdownNow();
            assertTrue(proxy.accepted() > MIN_CUTS, "the link was cut too rarely: " + proxy.accepted()
                    + " connections for " + sent + " messages");
            assertTrue(receiver.awaitDistinct(sent, Duration.ofSeconds(20)),
                    "only " + receiver.distinct() + " of " + sent + " arrived; receiver failure: "
                            + receiver.failure() + "; robust log:\n" + log.all());
            assertNull(receiver.failure());
            return new Result(receiver, sent);
        } finally {
            cutter.shutdownNow();
        }
    }
}

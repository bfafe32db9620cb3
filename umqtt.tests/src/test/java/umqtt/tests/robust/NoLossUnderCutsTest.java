package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

    private static final int MESSAGES = 3000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void qos1ArrivesAtLeastOnceThroughCuts(Broker broker) throws Exception {
        Receiver receiver = run(broker, 1);
        List<String> missing = missing(receiver);
        assertTrue(missing.isEmpty(), missing.size() + " QoS 1 messages lost, e.g. " + head(missing));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void qos2ArrivesExactlyOnceThroughCuts(Broker broker) throws Exception {
        // connect(), a clean session: RobustClient makes it persistent at once, so exactly once holds.
        Receiver receiver = run(broker, 2, "noloss-" + System.nanoTime(), true);
        List<String> missing = missing(receiver);
        assertTrue(missing.isEmpty(), missing.size() + " QoS 2 messages lost, e.g. " + head(missing));
        assertEquals(java.util.Map.of(), receiver.duplicates(), "QoS 2 messages delivered more than once");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void qos1WithoutAClientIdArrivesThroughCuts(Broker broker) throws Exception {
        // No client id: no session can be resumed; the robust client reconnects clean and publishes again.
        Receiver receiver = run(broker, 1, "", true);
        List<String> missing = missing(receiver);
        assertTrue(missing.isEmpty(), missing.size() + " QoS 1 messages lost, e.g. " + head(missing));
    }

    private static Receiver run(Broker broker, int qos) throws Exception {
        return run(broker, qos, "noloss-" + System.nanoTime(), false);
    }

    /** Publishes MESSAGES through a cut-every-150-300-ms proxy and returns the receiver once all arrived (or not). */
    private static Receiver run(Broker broker, int qos, String clientId, boolean cleanSession) throws Exception {
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
            java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
            Runnable[] cut = new Runnable[1];
            cut[0] = () -> {
                proxy.cutAll();
                cutter.schedule(cut[0], r.nextLong(150, 300), TimeUnit.MILLISECONDS);
            };
            cutter.schedule(cut[0], 150, TimeUnit.MILLISECONDS);
            for (int i = 0; i < MESSAGES; i++) {
                publisher.publish(topic, payload(i), false, qos);
            }
            cutter.shutdownNow();
            assertTrue(receiver.awaitDistinct(MESSAGES, Duration.ofSeconds(20)),
                    "only " + receiver.distinct() + " of " + MESSAGES + " arrived; receiver failure: "
                            + receiver.failure() + "; robust log:\n" + log.all());
            assertNull(receiver.failure());
            assertTrue(proxy.accepted() >= 3, "the link was cut too rarely to test anything: "
                    + proxy.accepted() + " connections");
            return receiver;
        } finally {
            cutter.shutdownNow();
        }
    }

    private static byte[] payload(int i) {
        return ("m-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> missing(Receiver receiver) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            if (receiver.arrivals("m-" + i) == 0) {
                missing.add("m-" + i);
            }
        }
        return missing;
    }

    private static List<String> head(List<String> list) {
        return list.subList(0, Math.min(10, list.size()));
    }
}

package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.BrokerDeviation;
import umqtt.tests.brokers.Broker.Listener;

/**
 * The receiving side: a RobustClient subscriber in a waitMsg loop, connected with the plain
 * {@code connect()} (clean session), loses nothing while its link is cut again and again; QoS 2
 * arrives exactly once.
 */
class RobustSubscriberTest {

    private static final int MESSAGES = 2000;
    private static final int CUT_EVERY = 200;

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void qos1ReachesARobustSubscriberThroughCuts(Broker broker) throws Exception {
        Receiver receiver = run(broker, 1);
        assertEquals(MESSAGES, receiver.distinct());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void qos2ReachesARobustSubscriberExactlyOnceThroughCuts(Broker broker) throws Exception {
        // Not even "at least once" holds there: a message sent under a packet id that a stale re-send
        // holds at the receiver is taken for that re-send (seen: 1899 of 1900 arrived on aedes).
        BrokerDeviation.QOS2_PUBLISH_SENT_AGAIN_AFTER_PUBREL.assumeAbsentIn(broker);
        Receiver receiver = run(broker, 2);
        assertEquals(MESSAGES, receiver.distinct());
        assertEquals(Map.of(), receiver.duplicates(), "QoS 2 messages delivered more than once");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void anIdleSubscriberUnderCutsStaysCloseEnoughToTakeABurst(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String topic = "robust/idle/" + System.nanoTime();
        RecordingLogger log = new RecordingLogger();
        ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
        try (FaultProxy proxy = FaultProxy.to(uri);
                Receiver receiver = Receiver.through(RobustClient.builder().logger(log)
                        .wrap(SimpleClient.builder().clientId("robust-idle-" + System.nanoTime())
                                .server(proxy.uri().toString()).keepAlive(Duration.ofSeconds(5)).build()),
                        topic, 1, true);
                SimpleClient publisher = SimpleClient.builder().clientId("robust-idle-pub-" + System.nanoTime())
                        .server(uri.toString()).build()) {
            cutter.scheduleWithFixedDelay(proxy::cutAll, 100, 200, TimeUnit.MILLISECONDS);
            // Quiet for 2 s of cuts: the default backoff must not grow so much that the subscriber
            // stays away while the burst overflows the broker's queue of 1000 messages for it.
            assertTrue(log.await("failed", 8, 20, TimeUnit.SECONDS), log.all());
            publisher.connect(true);
            int burst = 1500;
            for (int i = 0; i < burst; i++) {
                publisher.publish(topic, ("m-" + i).getBytes(StandardCharsets.UTF_8), false, 1);
            }
            assertTrue(receiver.awaitDistinct(burst, Duration.ofSeconds(20)),
                    "only " + receiver.distinct() + " of " + burst + " arrived; robust log:\n" + log.all());
        } finally {
            cutter.shutdownNow();
        }
    }

    /** A direct publisher sends MESSAGES and cuts the subscriber's link every CUT_EVERY of them. */
    private static Receiver run(Broker broker, int qos) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String topic = "robust/subscriber/" + qos + "/" + System.nanoTime();
        RecordingLogger log = new RecordingLogger();
        try (FaultProxy proxy = FaultProxy.to(uri);
                Receiver receiver = Receiver.through(RobustClient.builder().initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(100)).logger(log)
                        .wrap(SimpleClient.builder().clientId("robust-sub-" + System.nanoTime())
                                .server(proxy.uri().toString()).keepAlive(Duration.ofSeconds(5)).build()),
                        topic, qos, true);
                SimpleClient publisher = SimpleClient.builder().clientId("robust-sub-pub-" + System.nanoTime())
                        .server(uri.toString()).build()) {
            publisher.connect(true);
            for (int i = 0; i < MESSAGES; i++) {
                if (i % CUT_EVERY == CUT_EVERY / 2) {
                    // Brokers queue at most 1000 messages for an offline client (both default to
                    // that): let the subscriber catch up before each cut, so the backlog stays small.
                    assertTrue(receiver.awaitDistinct(i, Duration.ofSeconds(20)), "only " + receiver.distinct()
                            + " of " + i + " arrived; robust log:\n" + log.all());
                    proxy.cutAll();
                }
                publisher.publish(topic, ("m-" + i).getBytes(StandardCharsets.UTF_8), false, qos);
            }
            assertTrue(receiver.awaitDistinct(MESSAGES, Duration.ofSeconds(20)),
                    "only " + receiver.distinct() + " of " + MESSAGES + " arrived; receiver failure: "
                            + receiver.failure() + "; robust log:\n" + log.all());
            assertNull(receiver.failure());
            assertTrue(proxy.accepted() >= 3, "the link was cut too rarely to test anything: "
                    + proxy.accepted() + " connections");
            return receiver;
        }
    }
}

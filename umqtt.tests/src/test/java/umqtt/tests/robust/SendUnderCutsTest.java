package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;

/**
 * The promise of RobustClient.send (issue 12, part 2): sends at full speed through a link cut
 * every 200-400 ms (each cut followed by 20-60 ms in which new connections are refused, so that
 * the offline buffer fills while the client backs off) all arrive at an independent subscriber
 * (direct link, persistent session) in the order sent: the first arrivals in order, duplicates
 * only as re-sends; QoS 2 exactly once.
 * The listener hears every ticket exactly once, acknowledged.
 */
class SendUnderCutsTest {

    /**
     * Brokers drop messages beyond 1000 queued for one subscriber: keep it within this many of the
     * messages the broker acknowledged, and the buffer (drained at once after a reconnect) small.
     */
    private static final int LAG = 300;
    private static final int BUFFER = 300;
    /** Sent at least as many as asked; more while the link was cut fewer than MIN_CUTS times. */
    private static final int MIN_CUTS = 5;
    private static final int MAX_MESSAGES = 100_000;

    static Stream<Broker> brokers() {
        return Stream.of(Brokers.hivemq(), Brokers.mosquitto());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void qos1SendsArriveAtLeastOnceAndInOrderThroughCuts(Broker broker) throws Exception {
        run(broker, 1, 20_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void qos2SendsArriveExactlyOnceAndInOrderThroughCuts(Broker broker) throws Exception {
        Receiver receiver = run(broker, 2, 5_000);
        assertEquals(Map.of(), receiver.duplicates(), "QoS 2 messages delivered more than once");
    }

    private static Receiver run(Broker broker, int qos, int messages) throws Exception {
        String topic = "robust/send/" + qos + "/" + System.nanoTime();
        RecordingLogger log = new RecordingLogger();
        Map<Long, Integer> acks = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.TCP));
                Receiver receiver = Receiver.direct(broker.uri(Listener.TCP), topic, qos);
                RobustClient publisher = RobustClient.builder()
                        .initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(100)).logger(log)
                        .maxBufferedMessages(BUFFER)
                        .wrap(SimpleClient.builder().clientId("send-cuts-" + System.nanoTime())
                                .server(proxy.uri().toString()).responseTimeout(Duration.ofSeconds(5)).build())) {
            publisher.setAckListener((ticket, failure) -> {
                acks.merge(ticket, 1, Integer::sum);
                if (failure != null) {
                    failures.add(ticket + ": " + failure);
                }
            });
            publisher.connect(true); // made persistent at once: exactly once for QoS 2 from the first cut on
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
            long start = System.nanoTime();
            long slowest = 0;
            int mostInFlight = 0;
            int i = 0;
            for (; i < messages || cuts.get() < MIN_CUTS && i < MAX_MESSAGES; i++) {
                long t0 = System.nanoTime();
                long ticket = publisher.send(topic, ("m-" + i).getBytes(StandardCharsets.UTF_8), false, qos);
                slowest = Math.max(slowest, System.nanoTime() - t0);
                mostInFlight = Math.max(mostInFlight, publisher.inFlight());
                assertEquals(i + 1, ticket, "tickets count the sends");
                if ((i + 1) % 100 == 0) {
                    keepUp(receiver, i + 1 - publisher.inFlight() - LAG, log);
                }
            }
            long sentIn = System.nanoTime() - start;
            int sent = i;
            assertTrue(publisher.flush(Duration.ofSeconds(30)), publisher.inFlight() + " still in flight; robust log:\n"
                    + log.all());
            cutter.shutdownNow();
            assertEquals(0, publisher.inFlight());
            assertTrue(cuts.get() >= MIN_CUTS, "the link was cut too rarely: " + cuts + " cuts for " + sent
                    + " messages");
            assertTrue(mostInFlight > SimpleClient.DEFAULT_MAX_IN_FLIGHT, "the offline buffer was never used: at most "
                    + mostInFlight + " messages in flight");
            assertTrue(receiver.awaitDistinct(sent, Duration.ofSeconds(20)), "only " + receiver.distinct() + " of "
                    + sent + " arrived; receiver failure: " + receiver.failure() + "; robust log:\n" + log.all());
            assertNull(receiver.failure());
            assertInOrder(receiver.sequence(), sent);
            assertEquals(List.of(), failures, "tickets that failed");
            assertEquals(sent, acks.size(), "tickets heard of");
            acks.forEach((t, n) -> assertEquals(1, n, "ticket " + t + " heard of " + n + " times"));
            System.out.printf("send under cuts, %s QoS %d: %d messages in %d ms, %d cuts, %d connection attempts, "
                    + "at most %d in flight (buffered included), slowest send %.1f ms, %d arrivals%n", broker, qos,
                    sent, sentIn / 1_000_000, cuts.get(), proxy.accepted(), mostInFlight, slowest / 1e6,
                    receiver.sequence().size());
            return receiver;
        } finally {
            cutter.shutdownNow();
        }
    }

    /**
     * Waits until the subscriber has {@code n} messages, all acknowledged by the broker already:
     * the publisher need not run meanwhile (so its own sends, not this wait, do its reconnects).
     */
    private static void keepUp(Receiver receiver, int n, RecordingLogger log) throws Exception {
        if (receiver.distinct() < n) {
            assertTrue(receiver.awaitDistinct(n, Duration.ofSeconds(20)), "only " + receiver.distinct() + " of " + n
                    + " arrived; receiver failure: " + receiver.failure() + "; robust log:\n" + log.all());
        }
    }

    /** The first arrival of each message comes in the order sent; a later arrival is a re-send of one before. */
    static void assertInOrder(List<String> sequence, int messages) {
        Set<String> seen = new HashSet<>();
        int next = 0;
        for (int k = 0; k < sequence.size(); k++) {
            String p = sequence.get(k);
            if (seen.add(p)) {
                assertEquals("m-" + next, p, "arrival " + k + " overtook an earlier message");
                next++;
            }
        }
        assertEquals(messages, next, "distinct arrivals");
    }
}

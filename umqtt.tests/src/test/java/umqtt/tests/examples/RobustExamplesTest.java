package umqtt.tests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import umqtt.examples.Broker;
import umqtt.examples.RobustCheckLoop;
import umqtt.examples.RobustLastWill;
import umqtt.examples.RobustResubscribe;
import umqtt.examples.RobustSubscriber;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.robust.FaultProxy;

/**
 * The robust examples once each against the embedded HiveMQ, through a proxy that cuts every
 * connection mid-run: each one must carry on and finish.
 */
class RobustExamplesTest {

    private FaultProxy proxy;
    private Broker relay;

    @BeforeEach
    void proxy() throws IOException {
        proxy = FaultProxy.to(Brokers.hivemq().uri(Listener.TCP));
        relay = new Broker(proxy.uri().toString(), null);
    }

    @AfterEach
    void close() {
        proxy.close();
    }

    interface Example {
        void run(Broker broker, int messages, Runnable ready) throws IOException;
    }

    @Test
    void robustSubscriberLosesNothingAcrossACut() throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        java.util.Set<String> got = java.util.concurrent.ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> sub = start((b, n, r) -> got.addAll(RobustSubscriber.run(b, n, r)), 3, ready);
        try (ExamplesTest.Watch w = new ExamplesTest.Watch("unused/" + System.nanoTime())) {
            publish(w, "one");
            proxy.cutAll();
            publish(w, "two");
            publish(w, "three");
        }
        sub.get(30, TimeUnit.SECONDS);
        assertEquals(java.util.Set.of("one", "two", "three"), got);
    }

    @Test
    void robustCheckLoopCarriesOnAfterACut() throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        CompletableFuture<Void> sub = start((b, n, r) -> RobustCheckLoop.run(b, n, r), 2, ready);
        try (ExamplesTest.Watch w = new ExamplesTest.Watch("unused/" + System.nanoTime())) {
            proxy.cutAll();
            publish(w, "a");
            publish(w, "b");
        }
        sub.get(30, TimeUnit.SECONDS);
    }

    @Test
    void robustLastWillSaysOnlineThenTheBrokerSaysOffline() throws Exception {
        try (ExamplesTest.Watch w = new ExamplesTest.Watch(RobustLastWill.STATUS)) {
            CountDownLatch ready = new CountDownLatch(1);
            CompletableFuture<Void> device = start((b, n, r) -> RobustLastWill.run(b, n, r), 1, ready);
            assertEquals(List.of("online"), w.await(1));
            proxy.cutAll();
            assertEquals(List.of("online", "offline"), w.await(2), "the will");
            w.client.publish("cmd/" + RobustLastWill.ID, "bye".getBytes(StandardCharsets.UTF_8), false, 1);
            device.get(30, TimeUnit.SECONDS);
            assertEquals(List.of("online", "offline", "offline"), w.await(3), "the goodbye");
        }
    }

    @Test
    void robustResubscribeRenewsTheSubscriptionAfterACut() throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        CompletableFuture<Void> sub = start((b, n, r) -> RobustResubscribe.run(b, n, r), 1, ready);
        proxy.cutAll();
        // The broker forgot the clean session: only a renewed subscription can deliver these.
        try (ExamplesTest.Watch w = new ExamplesTest.Watch("unused/" + System.nanoTime())) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!sub.isDone()) {
                assertTrue(System.nanoTime() < deadline, "no message arrived after the cut");
                publish(w, "after the cut");
                try {
                    sub.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // not resubscribed yet
                }
            }
        }
        sub.get();
        assertTrue(proxy.accepted() >= 2, "it reconnected through the proxy");
    }

    private CompletableFuture<Void> start(Example example, int messages, CountDownLatch ready) throws Exception {
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                example.run(relay, messages, ready::countDown);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertTrue(ready.await(30, TimeUnit.SECONDS), "the example subscribed");
        return run;
    }

    private static void publish(ExamplesTest.Watch w, String payload) throws IOException {
        w.client.publish("foo_topic", payload.getBytes(StandardCharsets.UTF_8), false, 1);
    }
}

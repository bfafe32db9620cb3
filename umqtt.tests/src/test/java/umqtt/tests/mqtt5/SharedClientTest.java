package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.Subscription;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.ScriptedServer;

/** shared(true): threads publish and wait at once, one reading for all; without it a second thread is refused. */
class SharedClientTest {

    static java.util.stream.Stream<Broker> brokers() {
        return Mqtt5Clients.brokers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void fourPublishersAndAReceiverShareOneClient(Broker broker) throws Exception {
        String topic = Mqtt5Clients.unique("m5/shared");
        Set<String> got = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        try (Mqtt5Client c = Mqtt5Clients.tcp(broker, "shared").shared(true).maxInFlight(8).build()) {
            java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(440);
            c.setCallback((m, p) -> {
                if (got.add(new String(m.payload(), StandardCharsets.UTF_8))) {
                    all.countDown();
                }
            });
            c.connect();
            c.subscribe(Subscription.of(topic + "/#", 1));
            CompletableFuture<Void> receiver = CompletableFuture.runAsync(() -> {
                try {
                    while (!done.get()) {
                        c.waitMsg(Duration.ofMillis(100));
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            List<CompletableFuture<Void>> publishers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                publishers.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 0; i < 100; i++) {
                            int qos = i % 3;
                            c.publish(topic + "/" + thread, (thread + ":" + i).getBytes(StandardCharsets.UTF_8), false,
                                    qos == 2 ? 1 : qos, PublishProperties.NONE);
                            if (i % 10 == 0) {
                                c.send((topic + "/" + thread).getBytes(StandardCharsets.UTF_8),
                                        (thread + ":s" + i).getBytes(StandardCharsets.UTF_8), false, 1);
                            }
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }));
            }
            for (CompletableFuture<Void> p : publishers) {
                p.get(60, TimeUnit.SECONDS);
            }
            assertTrue(c.flush(Duration.ofSeconds(10)));
            all.await(20, TimeUnit.SECONDS);
            done.set(true);
            receiver.get(10, TimeUnit.SECONDS);
            assertEquals(440, got.size(), "every message came back once: " + got.size());
        }
    }

    @Test
    void withoutSharedASecondThreadIsRefused() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).build()) {
            c.setCallback((m, p) -> { });
            Script5.connect(server, c, new umqtt.mqtt5.codec.Properties());
            CompletableFuture<Boolean> waiting = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    waiting.complete(c.waitMsg(Duration.ofSeconds(5)));
                } catch (Throwable t) {
                    waiting.completeExceptionally(t);
                }
            }, "waitMsg");
            reader.start();
            awaitReading(reader);
            assertThrows(IllegalStateException.class, () -> c.publish("t".getBytes(), new byte[0], false, 0));
            c.close();
            reader.join(10_000);
        }
    }

    /** Waits until {@code t} is inside the client's read, so it holds the client. */
    private static void awaitReading(Thread t) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (java.util.Arrays.stream(t.getStackTrace()).noneMatch(f -> f.getClassName().equals("umqtt.mqtt5.Link")
                && f.getMethodName().equals("read"))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the waitMsg thread never reached its read: " + t.getState());
            }
            Thread.onSpinWait();
        }
    }
}

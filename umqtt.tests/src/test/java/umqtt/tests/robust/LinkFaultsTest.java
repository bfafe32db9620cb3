package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.robust.BackoffStrategy;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;

/**
 * A slow link and a dead one that keeps its sockets open (blackhole): nothing is lost either way;
 * a server that refuses every connection: close() ends the wait for it at once.
 */
class LinkFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void closeFromAnotherThreadEndsTheWaitForARefusingServerPromptly() throws Exception {
        RecordingLogger log = new RecordingLogger();
        // Any broker: the proxy refuses every connection before it.
        try (FaultProxy proxy = FaultProxy.to(Brokers.hivemq().uri(Listener.TCP));
                RobustClient c = RobustClient.builder().backoff(BackoffStrategy.fixed(Duration.ofMinutes(10)))
                        .logger(log).wrap(SimpleClient.builder().clientId("robust-close-" + System.nanoTime())
                                .server(proxy.uri().toString()).build())) {
            proxy.refuseNew(true);
            CompletableFuture<Boolean> connect = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.connect(false);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertTrue(log.await("reconnecting", 1, WAIT.toSeconds(), TimeUnit.SECONDS), log.all());
            long start = System.nanoTime();
            c.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> connect.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getCause().getMessage().contains("closed"), String.valueOf(e.getCause()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2000, "close took " + millis + " ms to end a 10 minute wait");
            assertTrue(proxy.accepted() == 1, "attempted again after close: " + proxy.accepted());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void aBlackholedLinkIsDetectedAndTheMessageDeliveredOnceTheLinkHeals(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String topic = "robust/blackhole/" + System.nanoTime();
        RecordingLogger log = new RecordingLogger();
        try (FaultProxy proxy = FaultProxy.to(uri);
                Receiver receiver = Receiver.direct(uri, topic, 1);
                RobustClient c = RobustClient.builder().initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(50)).logger(log)
                        .wrap(SimpleClient.builder().clientId("robust-blackhole-" + System.nanoTime())
                                .server(proxy.uri().toString()).connectTimeout(Duration.ofSeconds(1))
                                .responseTimeout(Duration.ofSeconds(1)).build())) {
            c.connect(false);
            proxy.latency(Duration.ofMillis(30));
            for (int i = 0; i < 5; i++) {
                c.publish(topic, ("slow-" + i).getBytes(StandardCharsets.UTF_8), false, 1);
            }
            assertFalse(log.all().contains("failed"), "a slow link is not a dead one:\n" + log.all());
            proxy.latency(Duration.ZERO);
            proxy.blackhole(true);
            CompletableFuture<Void> publish = CompletableFuture.runAsync(() -> {
                try {
                    c.publish(topic, "through-the-hole".getBytes(StandardCharsets.UTF_8), false, 1);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertTrue(log.await("failed", 2, WAIT.toSeconds(), TimeUnit.SECONDS),
                    "the dead link was not detected:\n" + log.all());
            assertFalse(publish.isDone(), "publish returned while the link was dead");
            proxy.blackhole(false);
            publish.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(receiver.await("through-the-hole", WAIT), "lost in the blackhole:\n" + log.all());
            assertTrue(receiver.awaitDistinct(6, WAIT));
        }
    }
}

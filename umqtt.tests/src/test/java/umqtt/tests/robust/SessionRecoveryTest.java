package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.PrivateBroker;
import umqtt.tests.brokers.RestartableBroker;

/**
 * RobustClient against brokers that lose its session or are down: it resubscribes before going on,
 * and it waits for a broker that is down at start.
 */
class SessionRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static RobustClient robust(URI server, String clientId, RecordingLogger log) {
        return RobustClient.builder().initialDelay(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(200)).logger(log)
                .wrap(SimpleClient.builder().clientId(clientId).server(server.toString())
                        .keepAlive(Duration.ofSeconds(2)).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void resubscribesWhenAnotherConnectionTookTheSessionAndDiscardedIt(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String id = "robust-takeover-" + System.nanoTime();
        String topic = "robust/takeover/" + System.nanoTime();
        RecordingLogger log = new RecordingLogger();
        try (Receiver receiver = Receiver.through(robust(uri, id, log), topic, 1)) {
            Publisher.publish(uri, topic, "before");
            assertTrue(receiver.await("before", WAIT));
            // A clean session with the same client id takes the connection over and ends the
            // session. The robust client takes the id back at once, maybe before the thief's
            // CONNACK: either way the session it comes back to is the thief's clean one.
            try (SimpleClient thief = SimpleClient.builder().clientId(id).server(uri.toString()).build()) {
                thief.connect(true);
                thief.disconnect();
            } catch (IOException takenBack) {
                // the robust client took the client id back first
            }
            assertTrue(log.await("renewed 1 subscription", 1, WAIT.toSeconds(), TimeUnit.SECONDS),
                    "no resubscribe after the session was lost; log:\n" + log.all());
            Publisher.publish(uri, topic, "after");
            assertTrue(receiver.await("after", WAIT), "the subscription was not renewed; log:\n" + log.all());
            assertNull(receiver.failure());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#restartable")
    void aRestartInTheMiddleOfASubscribeLoopLosesNoSubscription(PrivateBroker server) throws Exception {
        RestartableBroker broker = server.start();
        try {
            URI uri = broker.uri(Listener.TCP);
            String topic = "robust/restart";
            RecordingLogger log = new RecordingLogger();
            try (Receiver receiver = Receiver.through(robust(uri, "robust-restart", log), topic, 1)) {
                Publisher.publish(uri, topic, "before");
                assertTrue(receiver.await("before", WAIT));
                broker.stop();
                broker.start(); // persistence is off: every session is gone
                assertTrue(log.await("renewed 1 subscription", 1, WAIT.toSeconds(), TimeUnit.SECONDS),
                        "no resubscribe after the restart; log:\n" + log.all());
                for (int i = 0; i < 20; i++) {
                    Publisher.publish(uri, topic, "after-" + i);
                }
                assertTrue(receiver.awaitDistinct(21, WAIT), "messages after the restart were lost; log:\n" + log.all());
                assertNull(receiver.failure());
            }
        } finally {
            broker.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#restartable")
    void aBrokerThatIsDownAtStartIsWaitedFor(PrivateBroker server) throws Exception {
        RestartableBroker broker = server.start();
        broker.stop();
        try {
            URI uri = broker.uri(Listener.TCP);
            RecordingLogger log = new RecordingLogger();
            try (RobustClient client = robust(uri, "robust-late-" + System.nanoTime(), log)) {
                CompletableFuture<Boolean> connect = CompletableFuture.supplyAsync(() -> {
                    try {
                        return client.connect(false);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                assertTrue(log.await("reconnecting", 3, WAIT.toSeconds(), TimeUnit.SECONDS), "no attempts:\n" + log.all());
                assertFalse(connect.isDone(), "connect gave up while the broker was down");
                broker.start();
                assertFalse(connect.get(WAIT.toSeconds(), TimeUnit.SECONDS), "a new broker has no session");
                try (Receiver receiver = Receiver.direct(uri, "robust/late", 1)) {
                    client.publish("robust/late", "hello".getBytes(StandardCharsets.UTF_8), false, 1);
                    assertTrue(receiver.await("hello", WAIT));
                }
            }
        } finally {
            broker.stop();
        }
    }
}

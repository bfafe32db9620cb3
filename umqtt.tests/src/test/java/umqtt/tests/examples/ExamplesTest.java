package umqtt.tests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.api.Message;
import umqtt.api.MqttClient;
import umqtt.examples.Broker;
import umqtt.examples.Led;
import umqtt.examples.Publish;
import umqtt.examples.PublishOnEvent;
import umqtt.examples.PublishTls;
import umqtt.examples.SubscribeWaitCheck;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.TestPki;

/** Each example once against the embedded HiveMQ, its messages checked by a subscriber of our own. */
class ExamplesTest {

    private static final Broker TCP = new Broker(Brokers.hivemq().uri(Listener.TCP).toString(), null);

    @Test
    void publish() throws Exception {
        try (Watch w = new Watch("foo_topic")) {
            Publish.run(TCP);
            assertEquals(List.of("hello"), w.await(1));
        }
    }

    @Test
    void publishOverWebSocket() throws Exception {
        try (Watch w = new Watch("foo_topic")) {
            Publish.run(new Broker(Brokers.hivemq().uri(Listener.WS).toString(), null));
            assertEquals(List.of("hello"), w.await(1));
        }
    }

    @Test
    void publishOnEachEvent() throws Exception {
        try (Watch w = new Watch("button")) {
            PublishOnEvent.run(TCP, new StringReader("\n\n"));
            assertEquals(List.of("pressed 1", "pressed 2"), w.await(2));
        }
    }

    @Test
    void publishOverTlsWithCredentials() throws Exception {
        // HiveMQ CE's TLS listener takes any user name; what is checked here is the CA file and host name.
        try (Watch w = new Watch("foo_topic")) {
            PublishTls.run(Brokers.hivemq().localhostUri(Listener.TLS).toString(), TestPki.get().caCert(), "demo", "pw");
            assertEquals(List.of("hello over TLS"), w.await(1));
        }
    }

    @Test
    void subscribeWithWaitThenCheck() throws Exception {
        CountDownLatch subscribed = new CountDownLatch(1);
        CompletableFuture<Void> sub = CompletableFuture.runAsync(() -> {
            try {
                SubscribeWaitCheck.run(TCP, 4, subscribed::countDown);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(subscribed.await(20, TimeUnit.SECONDS), "subscribed");
        try (Watch w = new Watch("unused/" + System.nanoTime())) {
            for (int i = 1; i <= 4; i++) {
                w.client.publish("foo_topic", ("m" + i).getBytes(StandardCharsets.UTF_8), false, 1);
            }
        }
        sub.get(20, TimeUnit.SECONDS);
    }

    @Test
    void ledFollowsOnOffToggle() throws Exception {
        CountDownLatch subscribed = new CountDownLatch(1);
        CompletableFuture<Boolean> led = CompletableFuture.supplyAsync(() -> {
            try {
                return Led.run(TCP, 4, subscribed::countDown);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(subscribed.await(20, TimeUnit.SECONDS), "subscribed");
        try (Watch w = new Watch("unused/" + System.nanoTime())) {
            for (String command : List.of("on", "off", "toggle", "blink")) {
                w.client.publish("led", command.getBytes(StandardCharsets.UTF_8), false, 1);
            }
        }
        assertTrue(led.get(20, TimeUnit.SECONDS), "on, off, toggle: lit; an unknown command changes nothing");
    }

    /** A subscriber on the shared HiveMQ that collects the payloads of live messages. */
    static final class Watch implements AutoCloseable {
        final MqttClient client;
        private final List<Message> got = new ArrayList<>();

        Watch(String filter) throws IOException {
            client = SimpleClient.builder().server(TCP.uri()).build();
            client.setCallback(m -> {
                if (!m.retained()) { // live messages only, not what earlier tests left retained
                    got.add(m);
                }
            });
            client.connect();
            client.subscribe(filter, 1);
        }

        List<String> await(int n) throws IOException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (got.size() < n) {
                assertTrue(System.nanoTime() < deadline, "expected " + n + " messages, got " + got);
                client.checkMsg();
            }
            return got.stream().map(m -> new String(m.payload(), StandardCharsets.UTF_8)).toList();
        }

        @Override
        public void close() {
            client.close();
        }
    }
}

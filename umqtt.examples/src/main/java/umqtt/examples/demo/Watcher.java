package umqtt.examples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import umqtt.api.Message;
import umqtt.simple.SimpleClient;

/** The demo's own subscriber, which checks that what an example published arrived (live messages only). */
final class Watcher implements AutoCloseable {

    private final SimpleClient client;
    private final List<Message> messages = new ArrayList<>();

    Watcher(umqtt.examples.Broker broker, String filter) throws IOException {
        client = broker.client("umqtt-demo-watcher-" + System.nanoTime()).build();
        client.setCallback(m -> {
            if (!m.retained()) { // only what happens now, not a retained message from an earlier run
                messages.add(m);
            }
        });
        client.connect();
        client.subscribe(filter, 1);
    }

    /** Waits for {@code n} messages, up to 10 s; @return their payloads as text */
    List<String> await(int n) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (messages.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new IOException("expected " + n + " message(s) within 10 s, got " + payloads());
            }
            client.checkMsg();
        }
        return payloads();
    }

    /** Publishes with QoS 1 through the watcher's connection. */
    void publish(String topic, String payload) throws IOException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), false, 1);
    }

    private List<String> payloads() {
        return messages.stream().map(m -> new String(m.payload(), StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (IOException e) {
            // leaving anyway
        }
        client.close();
    }
}

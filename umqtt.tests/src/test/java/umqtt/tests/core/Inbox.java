package umqtt.tests.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import umqtt.api.Message;
import umqtt.api.MessageCallback;
import umqtt.api.MqttClient;

/**
 * Collects the messages a client's callback receives, and drives that client's main loop (on the
 * test thread, as a umqtt user would) until a condition holds or a deadline passes.
 */
final class Inbox implements MessageCallback {

    private final List<Message> messages = new ArrayList<>();

    @Override
    public void onMessage(Message message) {
        messages.add(message);
    }

    List<Message> messages() {
        return messages;
    }

    int size() {
        return messages.size();
    }

    /** Runs {@code client.checkMsg()} until {@code n} messages have arrived. */
    List<Message> await(MqttClient client, int n, Duration timeout) {
        pumpUntil(client, () -> messages.size() >= n, timeout,
                () -> "expected " + n + " message(s), got " + messages.size() + ": " + messages);
        return messages;
    }

    /** Runs {@code client.checkMsg()} until {@code done} holds; fails after {@code timeout}. */
    static void pumpUntil(MqttClient client, BooleanSupplier done, Duration timeout,
            java.util.function.Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!done.getAsBoolean()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("timed out after " + timeout.toMillis() + " ms: " + failure.get());
                }
                client.checkMsg();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

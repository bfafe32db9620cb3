package umqtt.tests.mqtt5;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import umqtt.api.Message;
import umqtt.mqtt5.Mqtt5Callback;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;

/**
 * Collects the messages a client receives with their properties: set it as the callback before
 * connecting, then {@link #pump} the client in a thread of the inbox's own while the test waits
 * with {@link #await}. Closing it stops the thread and closes the client.
 */
final class Inbox implements Mqtt5Callback, AutoCloseable {

    /** A message as it arrived. */
    record Received(Message message, PublishProperties properties) {

        String topic() {
            return new String(message.topic(), StandardCharsets.UTF_8);
        }

        String payload() {
            return new String(message.payload(), StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return topic() + " '" + payload() + "' qos " + message.qos() + (message.retained() ? " retained " : " ")
                    + properties;
        }
    }

    private final List<Received> received = new ArrayList<>();
    private final List<Mqtt5Client> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile Throwable failure;

    @Override
    public synchronized void onMessage(Message message, PublishProperties properties) {
        received.add(new Received(message, properties));
        notifyAll();
    }

    /**
     * Calls {@code waitMsg} on the client in a thread of its own until closed; the test must not
     * use the client meanwhile. Several clients may be pumped into one inbox.
     *
     * @param connected the client, connected and subscribed, with this inbox in its callback
     * @return this inbox
     */
    Inbox pump(Mqtt5Client connected) {
        Thread thread = new Thread(() -> {
            while (!stopping) {
                try {
                    connected.waitMsg(Duration.ofMillis(100));
                } catch (IOException | RuntimeException e) {
                    if (!stopping) {
                        failure = e;
                        synchronized (this) {
                            notifyAll();
                        }
                    }
                    return;
                }
            }
        }, "inbox");
        thread.setDaemon(true);
        clients.add(connected);
        threads.add(thread);
        thread.start();
        return this;
    }

    /** @return every message so far, in order */
    synchronized List<Received> all() {
        return new ArrayList<>(received);
    }

    /** @return the payloads so far, in order */
    synchronized List<String> payloads() {
        return received.stream().map(Received::payload).toList();
    }

    /**
     * Waits until {@code n} messages arrived.
     *
     * @return the first {@code n}
     * @throws AssertionError when they did not arrive in time, naming what did
     */
    List<Received> await(int n, Duration timeout) throws InterruptedException {
        return awaitMatching(r -> true, n, timeout);
    }

    /**
     * Waits until {@code n} distinct payloads arrived (duplicates count once).
     *
     * @return whether they did before the timeout (or the pumping thread failed)
     */
    synchronized boolean awaitDistinct(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (received.stream().map(Received::payload).distinct().count() < n) {
            long left = end - System.nanoTime();
            if (left <= 0 || failure != null) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** @return every payload that arrived more than once, with its count */
    synchronized java.util.Map<String, Long> duplicates() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        received.forEach(r -> counts.merge(r.payload(), 1L, Long::sum));
        counts.values().removeIf(c -> c == 1);
        return counts;
    }

    /** Waits until a message with this payload arrived and returns it (AssertionError when not in time). */
    Received await(String payload, Duration timeout) throws InterruptedException {
        return awaitMatching(r -> r.payload().equals(payload), 1, timeout).get(0);
    }

    /** Waits until {@code n} messages match and returns them (AssertionError when not in time). */
    synchronized List<Received> awaitMatching(Predicate<Received> match, int n, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> matching = received.stream().filter(match).toList();
            if (matching.size() >= n) {
                return matching.subList(0, n);
            }
            long left = end - System.nanoTime();
            if (left <= 0 || failure != null) {
                throw new AssertionError(matching.size() + " of " + n + " expected messages arrived within "
                        + timeout.toMillis() + " ms; all that arrived: " + received
                        + (failure == null ? "" : "; the receiving client failed: " + failure), failure);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Asserts exactly {@code n} messages arrived so far. To show a message did not arrive, publish a
     * marker after it on the same topic from the same client and await the marker first: the broker
     * keeps their order (MQTT-4.6.0-6), so the other one would have come before it.
     */
    synchronized void assertCount(int n) {
        if (received.size() != n) {
            throw new AssertionError("expected " + n + " messages but got " + received);
        }
    }

    /** @return the error that ended the pumping thread, or null */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(5000);
        }
        clients.forEach(Mqtt5Client::close);
    }
}

package umqtt.tests.robust;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import umqtt.api.MqttClient;
import umqtt.simple.SimpleClient;

/**
 * An independent subscriber for the tests: its own client (by default a SimpleClient connected
 * straight to the broker with a persistent session), receiving in a thread of its own, counting
 * every arrival per payload.
 */
final class Receiver implements AutoCloseable {

    private final MqttClient client;
    private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    /** Every payload in the order it arrived, duplicates included. */
    private final java.util.List<String> sequence = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;

    private Receiver(MqttClient client, String filter, int qos, boolean cleanSession) throws IOException {
        this.client = client;
        client.setCallback(m -> {
            String payload = new String(m.payload(), StandardCharsets.UTF_8);
            sequence.add(payload);
            arrivals.computeIfAbsent(payload, k -> new AtomicInteger()).incrementAndGet();
            total.incrementAndGet();
            synchronized (this) {
                notifyAll();
            }
        });
        client.connect(cleanSession);
        client.subscribe(filter, qos);
        thread = new Thread(this::loop, "receiver-" + filter);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Subscribes straight to the broker (no proxy) with a persistent session.
     *
     * @param broker the broker's TCP URI
     * @param filter the topic filter
     * @param qos the QoS to subscribe with
     * @return the running receiver
     * @throws IOException when it cannot connect or subscribe
     */
    static Receiver direct(URI broker, String filter, int qos) throws IOException {
        SimpleClient c = SimpleClient.builder().clientId("receiver-" + System.nanoTime()).server(broker.toString())
                .keepAlive(Duration.ofSeconds(5)).build();
        return new Receiver(c, filter, qos, false);
    }

    /**
     * Receives through a client of the test's choice (e.g. a RobustClient), already configured.
     *
     * @param client the client, not yet connected
     * @param filter the topic filter
     * @param qos the QoS to subscribe with
     * @return the running receiver
     * @throws IOException when it cannot connect or subscribe
     */
    static Receiver through(MqttClient client, String filter, int qos) throws IOException {
        return new Receiver(client, filter, qos, false);
    }

    /**
     * As {@link #through(MqttClient, String, int)}, connecting with {@code connect(cleanSession)}.
     *
     * @param client the client, not yet connected
     * @param filter the topic filter
     * @param qos the QoS to subscribe with
     * @param cleanSession what to connect with
     * @return the running receiver
     * @throws IOException when it cannot connect or subscribe
     */
    static Receiver through(MqttClient client, String filter, int qos, boolean cleanSession) throws IOException {
        return new Receiver(client, filter, qos, cleanSession);
    }

    private void loop() {
        while (!stopping) {
            try {
                client.waitMsg();
            } catch (IOException | RuntimeException e) {
                if (!stopping) {
                    failure.set(e);
                }
                return;
            }
        }
    }

    /** How many distinct payloads arrived. */
    int distinct() {
        return arrivals.size();
    }

    /** How many times this payload arrived. */
    int arrivals(String payload) {
        AtomicInteger n = arrivals.get(payload);
        return n == null ? 0 : n.get();
    }

    /** Every payload that arrived more than once, with its count. */
    Map<String, Integer> duplicates() {
        Map<String, Integer> d = new java.util.TreeMap<>();
        arrivals.forEach((k, v) -> {
            if (v.get() > 1) {
                d.put(k, v.get());
            }
        });
        return d;
    }

    /** Waits until {@code n} distinct payloads arrived; false when the time ran out (or the loop died). */
    synchronized boolean awaitDistinct(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (arrivals.size() < n && failure.get() == null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
        return arrivals.size() >= n;
    }

    /** Waits until this payload arrived. */
    boolean await(String payload, Duration timeout) throws InterruptedException {
        return await(payload, 1, timeout);
    }

    /** Waits until this payload arrived {@code n} times. */
    synchronized boolean await(String payload, int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (arrivals(payload) < n && failure.get() == null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
        return arrivals(payload) >= n;
    }

    /** Every payload in the order it arrived, duplicates included (a copy). */
    java.util.List<String> sequence() {
        synchronized (sequence) {
            return new java.util.ArrayList<>(sequence);
        }
    }

    /** The error that ended the receiving loop, if any. */
    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        client.close();
        thread.join(5000);
    }
}

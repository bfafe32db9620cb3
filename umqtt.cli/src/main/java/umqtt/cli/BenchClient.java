package umqtt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import umqtt.api.MqttClient;

/**
 * One bench client and the loop its own thread runs: connect, then hold (conn), publish (pub) or
 * receive (sub), all the while keeping the client alive with its own calls (no other thread
 * touches it but {@link #close()}). Failures are counted, never thrown.
 */
final class BenchClient implements Runnable {

    /** Between two keepalive checks of a publisher that sends flat out. */
    private static final long CHECK_NANOS = 1_000_000_000L;
    /** How long a publisher waits for its last QoS 1 and 2 acknowledgements. */
    private static final Duration FLUSH_LIMIT = Duration.ofSeconds(30);

    private final BenchOptions options;
    private final BenchStats stats;
    private final MqttClient client;
    private final byte[] topic;
    private final CountDownLatch done;
    private volatile boolean stopping;
    private volatile Thread thread;
    private long received;

    BenchClient(BenchOptions options, BenchStats stats, MqttClient client, int index, CountDownLatch done) {
        this.options = options;
        this.stats = stats;
        this.client = client;
        this.topic = options.topic == null ? null : options.topic(index).getBytes(StandardCharsets.UTF_8);
        this.done = done;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        String phase = "connect";
        boolean connected = false;
        try {
            if (options.mode == BenchOptions.Mode.SUB) {
                client.setCallback(m -> {
                    received++;
                    stats.received(m.payload());
                });
            }
            long t0 = System.nanoTime();
            client.connect(!options.connect.keepSession);
            stats.connected(System.nanoTime() - t0);
            connected = true;
            phase = "lost";
            switch (options.mode) {
                case CONN -> hold();
                case PUB -> publish();
                case SUB -> {
                    phase = "subscribe";
                    client.subscribe(topic, options.connect.qos);
                    phase = "lost";
                    receive();
                }
            }
            if (!stopping) {
                client.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                stats.errors.count(phase, e);
                (connected ? stats.disconnected : stats.failed).increment();
            }
        } finally {
            client.close();
            done.countDown();
        }
    }

    /** Ends the client's loop: publishers finish by themselves, the others are closed. */
    void stop() {
        stopping = true;
        if (options.mode != BenchOptions.Mode.PUB) {
            client.close(); // wakes the blocking waitMsg; the broker sees the link close
        } else if (thread != null) {
            LockSupport.unpark(thread); // out of the pause between messages
        }
    }

    /** Closes the client at once, from any thread. */
    void close() {
        stopping = true;
        client.close();
    }

    private void hold() throws IOException {
        while (!stopping) {
            client.waitMsg(); // returns at each packet; pings when the keepalive is due
        }
    }

    private void receive() throws IOException {
        while (!stopping && (options.count == 0 || received < options.count)) {
            client.waitMsg();
        }
    }

    private void publish() throws IOException {
        byte[] payload = new byte[options.size];
        long interval = options.publishIntervalNanos;
        long next = System.nanoTime();
        long nextCheck = next + CHECK_NANOS;
        for (long n = 0; !stopping && (options.count == 0 || n < options.count); n++) {
            BenchStats.stamp(payload);
            client.send(topic, payload, false, options.connect.qos); // QoS 0 copies nothing: one buffer serves
            stats.sent.increment();
            long now = System.nanoTime();
            if (interval > 0) {
                next += interval;
                if (next - now < -interval) {
                    next = now; // fell behind by more than one interval: no burst to catch up
                }
                client.checkMsg(); // acknowledgements, keepalive: at most a 1 ms wait
                pause(next);
            } else if (now - nextCheck >= 0) {
                nextCheck = now + CHECK_NANOS;
                client.checkMsg();
            }
        }
        if (!client.flush(FLUSH_LIMIT)) {
            throw new IOException(client.inFlight() + " messages unacknowledged after " + FLUSH_LIMIT.toSeconds() + " s");
        }
    }

    private void pause(long until) {
        for (long left = until - System.nanoTime(); left > 0 && !stopping; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}

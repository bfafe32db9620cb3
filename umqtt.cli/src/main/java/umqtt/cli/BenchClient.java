package umqtt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import umqtt.api.MqttClient;

/**
 * One bench client and the loop its own thread runs: connect, then hold (conn), publish (pub) or
 * receive (sub), all the while keeping the client alive with its own calls (no other thread
 * touches it but {@link #close()}). Failures are counted, never thrown.
 */
final class BenchClient implements Runnable {

    /** Between two keepalive checks of a publisher. */
    private static final long CHECK_NANOS = 1_000_000_000L;
    /** How long a publisher waits for its last QoS 1 and 2 acknowledgements. */
    private static final Duration FLUSH_LIMIT = Duration.ofSeconds(30);

    private final BenchOptions options;
    private final BenchStats stats;
    private final MqttClient client;
    private final byte[] topic;
    private final CountDownLatch done;
    private final CountDownLatch connects;
    private volatile boolean stopping;
    private volatile Thread thread;
    private long received;

    /**
     * @param connects counted down once this client's connect ended, either way
     * @param done counted down when this client's thread ends
     */
    BenchClient(BenchOptions options, BenchStats stats, MqttClient client, int index, CountDownLatch connects,
            CountDownLatch done) {
        this.options = options;
        this.stats = stats;
        this.client = client;
        this.topic = options.topic == null ? null : options.topic(index).getBytes(StandardCharsets.UTF_8);
        this.done = done;
        this.connects = connects;
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
            try {
                client.connect(!options.connect.keepSession);
            } finally {
                connects.countDown();
            }
            stats.connected(System.nanoTime() - t0);
            connected = true;
            phase = "lost";
            switch (options.mode) {
                case CONN -> hold();
                case PUB -> publish();
                case SUB -> {
                    phase = "subscribe";
                    client.subscribe(topic, options.connect.qos);
                    stats.subscribed.increment();
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
        if (options.waitBeforePublishing) {
            awaitConnects();
        }
        byte[] payload = new byte[options.size];
        long interval = options.publishIntervalNanos;
        long next = System.nanoTime();
        long nextCheck = next + CHECK_NANOS;
        for (long n = 0; !stopping && (options.count == 0 || n < options.count); n++) {
            BenchStats.stamp(payload);
            client.send(topic, payload, false, options.connect.qos); // QoS 0 copies nothing: one buffer serves
            stats.sent.increment();
            long now = System.nanoTime();
            if (now - nextCheck >= 0) {
                // Acknowledgements are taken by send when the window is full; this is for the
                // keepalive (and a broker's PINGRESP), at most a 1 ms wait, once a second.
                nextCheck = now + CHECK_NANOS;
                client.checkMsg();
            }
            if (interval > 0) {
                next += interval;
                if (next - now < -interval) {
                    next = now; // fell behind by more than one interval: no burst to catch up
                }
                pause(next);
            }
        }
        if (!client.flush(FLUSH_LIMIT)) {
            throw new IOException(client.inFlight() + " messages unacknowledged after " + FLUSH_LIMIT.toSeconds() + " s");
        }
    }

    /** Waits for every client's connect to end, keeping this one alive meanwhile. */
    private void awaitConnects() throws IOException {
        try {
            while (!stopping && !connects.await(CHECK_NANOS, TimeUnit.NANOSECONDS)) {
                client.checkMsg();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the other clients to connect");
        }
    }

    private void pause(long until) {
        for (long left = until - System.nanoTime(); left > 0 && !stopping; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}

package umqtt.tests.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.Message;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;

/**
 * Eight threads publish through one shared client while a ninth runs its waitMsg loop: every
 * message arrives at an independent subscriber intact and in order per thread, no packet id is
 * used twice in flight, the window holds, and nothing deadlocks.
 */
class SharedClientStressTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 20_000; // of each QoS
    private static final int WINDOW = 20;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void eightThreadsPublishThroughOneSharedClient(Broker broker) throws Exception {
        String topic = "shared-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Arrivals arrivals = new Arrivals(THREADS, PER_THREAD);
        PacketTap tap = new PacketTap();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS + 2);
        try (SimpleClient sub = SimpleClient.builder().server(broker.uri(Broker.Listener.TCP).toString())
                     .clientId(topic + "-sub").build();
             SimpleClient shared = SimpleClient.builder().server(broker.uri(Broker.Listener.TCP).toString())
                     .clientId(topic + "-pub").transport(tap).maxInFlight(WINDOW).keepAlive(Duration.ofSeconds(5))
                     .shared(true).build()) {
            sub.setCallback(arrivals);
            sub.connect();
            sub.subscribe(topic + "/#", 1);
            Future<?> receiving = threads.submit(() -> pump(sub, arrivals));

            AtomicLong acked = new AtomicLong();
            AtomicReference<Exception> failed = new AtomicReference<>();
            shared.setCallback(m -> { });
            shared.setAckListener((ticket, failure) -> {
                if (failure != null) {
                    failed.compareAndSet(null, failure);
                }
                acked.incrementAndGet();
            });
            shared.connect();
            CountDownLatch stop = new CountDownLatch(1);
            Future<?> loop = threads.submit(() -> {
                while (stop.getCount() > 0) {
                    shared.waitMsg(); // returns when a packet was handled, here or on a publishing thread
                }
                return null;
            });
            List<Future<?>> publishers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                publishers.add(threads.submit(() -> publish(shared, topic, thread)));
            }
            for (Future<?> p : publishers) {
                p.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
            assertTrue(shared.flush(Duration.ofSeconds(30)), "every sent message acknowledged");
            assertEquals(0, shared.inFlight());
            receiving.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            stop.countDown();
            shared.disconnect(); // ends the loop's read
            try {
                loop.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof IOException || e.getCause() instanceof IllegalStateException,
                        "the loop ends with the link: " + e.getCause());
            }

            assertEquals(List.of(), tap.violations(), "the stream the shared client wrote");
            assertEquals(List.of(), arrivals.problems(), "arrivals");
            assertTrue(tap.maxInFlight() <= WINDOW, "unacknowledged at once on the wire: " + tap.maxInFlight()
                    + ", window " + WINDOW + " (blocking publishes wait for a slot too)");
            assertEquals(null, failed.get(), "no send failed");
            assertEquals((long) THREADS / 2 * PER_THREAD, acked.get(), "the listener heard of every QoS 1 send");
        } finally {
            threads.shutdownNow();
        }
    }

    /** Even threads use send, odd ones the blocking publish; each alternates QoS 1 and QoS 0. */
    private static Void publish(SimpleClient shared, String topic, int thread) throws IOException {
        String q1 = topic + "/" + thread + "/1";
        String q0 = topic + "/" + thread + "/0";
        for (int i = 0; i < PER_THREAD; i++) {
            if (thread % 2 == 0) {
                shared.send(q1, Arrivals.payload(thread, i, 1), false, 1);
                shared.send(q0, Arrivals.payload(thread, i, 0), false, 0);
            } else {
                shared.publish(q1, Arrivals.payload(thread, i, 1), false, 1);
                shared.publish(q0, Arrivals.payload(thread, i, 0), false, 0);
            }
        }
        return null;
    }

    private static Void pump(SimpleClient sub, Arrivals arrivals) throws IOException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!arrivals.complete()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out: " + arrivals.summary());
            }
            sub.checkMsg();
        }
        return null;
    }

    /** What the subscriber got, per publishing thread and QoS: counts, order, intact payloads. */
    static final class Arrivals implements umqtt.api.MessageCallback {
        private final int[][] next;
        private final List<String> problems = new ArrayList<>();
        private final int perThread;
        private int total;

        Arrivals(int threads, int perThread) {
            this.next = new int[threads][2];
            this.perThread = perThread;
        }

        static byte[] payload(int thread, int seq, int qos) {
            return ByteBuffer.allocate(16).putInt(thread).putInt(seq).putInt(qos).putInt(check(thread, seq, qos))
                    .array();
        }

        private static int check(int thread, int seq, int qos) {
            return (thread * 31 + seq) * 31 + qos ^ 0x5A5A5A5A;
        }

        @Override
        public void onMessage(Message m) {
            ByteBuffer b = ByteBuffer.wrap(m.payload());
            int thread = b.getInt();
            int seq = b.getInt();
            int qos = b.getInt();
            if (m.payload().length != 16 || b.getInt() != check(thread, seq, qos)
                    || !m.topicString().endsWith("/" + thread + "/" + qos)) {
                problems.add("corrupt message on " + m.topicString());
                return;
            }
            if (seq != next[thread][qos]) {
                problems.add("thread " + thread + " QoS " + qos + ": got " + seq + ", expected " + next[thread][qos]);
            }
            next[thread][qos] = seq + 1;
            total++;
        }

        boolean complete() {
            return total >= next.length * 2 * perThread || problems.size() > 10;
        }

        List<String> problems() {
            if (!complete()) {
                problems.add(summary());
            }
            return problems.size() > 10 ? problems.subList(0, 10) : problems;
        }

        String summary() {
            return total + " of " + next.length * 2 * perThread + " arrived";
        }
    }
}

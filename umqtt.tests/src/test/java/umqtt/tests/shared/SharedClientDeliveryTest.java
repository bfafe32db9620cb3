package umqtt.tests.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;

/**
 * A shared client receives while its threads publish: every message reaches the callback once and
 * in order, the callback never runs on two threads at once, and a callback that publishes QoS 1
 * (a nested wait, on whichever thread delivered) completes while the other threads go on.
 */
class SharedClientDeliveryTest {

    private static final int INBOUND = 5_000;
    private static final int THREADS = 4;
    private static final int PER_THREAD = 5_000;

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void callbacksRunOneAtATimeWhileThreadsPublish(Broker broker) throws Exception {
        String topic = "shared-in-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String server = broker.uri(Broker.Listener.TCP).toString();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
        AtomicInteger inCallback = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger echoed = new AtomicInteger();
        List<Integer> received = new ArrayList<>();
        CountDownLatch allDelivered = new CountDownLatch(INBOUND);
        Set<String> deliveringThreads = ConcurrentHashMap.newKeySet();
        try (SimpleClient shared = SimpleClient.builder().server(server).clientId(topic + "-shared").shared(true)
                     .maxInFlight(20).maxDeferred(INBOUND).build(); // a callback that waits holds what arrives meanwhile
             SimpleClient source = SimpleClient.builder().server(server).clientId(topic + "-source").build()) {
            shared.setCallback(m -> {
                if (inCallback.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                try {
                    int seq = ByteBuffer.wrap(m.payload()).getInt();
                    received.add(seq); // unsynchronized on purpose: the callback runs one at a time
                    allDelivered.countDown(); // and the latch makes what it wrote visible to the test thread
                    deliveringThreads.add(Thread.currentThread().getName());
                    if (seq % 100 == 0) {
                        shared.publish(topic + "/echo", m.payload(), false, 1); // waits inside the callback
                        echoed.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    inCallback.decrementAndGet();
                }
            });
            shared.connect();
            shared.subscribe(topic + "/in", 1);
            source.connect();
            CountDownLatch stop = new CountDownLatch(1);
            Future<?> loop = threads.submit(() -> {
                while (stop.getCount() > 0) {
                    shared.waitMsg();
                }
                return null;
            });
            List<Future<?>> publishers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                publishers.add(threads.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        shared.send(topic + "/out/" + thread, new byte[16], false, 1);
                    }
                    return null;
                }));
            }
            for (int i = 0; i < INBOUND; i++) {
                source.send(topic + "/in", ByteBuffer.allocate(4).putInt(i).array(), false, 1);
            }
            assertTrue(source.flush(Duration.ofSeconds(30)));
            for (Future<?> p : publishers) {
                p.get(60, TimeUnit.SECONDS);
            }
            assertTrue(allDelivered.await(60, TimeUnit.SECONDS), "delivered: " + (INBOUND - allDelivered.getCount()));
            assertTrue(shared.flush(Duration.ofSeconds(30)), "every send and echo acknowledged");
            stop.countDown();
            shared.disconnect();
            try {
                loop.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException expected) {
                // the loop's read ends with the link
            }
            assertEquals(0, overlaps.get(), "callbacks that overlapped");
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < INBOUND; i++) {
                expected.add(i);
            }
            assertEquals(expected, received, "each inbound message once, in order");
            assertEquals(INBOUND / 100, echoed.get(), "publishes from inside the callback");
            assertTrue(!deliveringThreads.isEmpty(), "delivered on " + deliveringThreads);
        } finally {
            threads.shutdownNow();
        }
    }
}

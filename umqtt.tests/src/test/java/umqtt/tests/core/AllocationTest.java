package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Brokers;

/**
 * The QoS 0 hot path allocates nothing per message once connected (DESIGN.md's budget), counted
 * with the JVM's per-thread allocation counter over many publishes to a real broker. A correctness
 * guard, not a benchmark: the figures in BENCHMARKS.md come from JMH.
 */
class AllocationTest {

    private static final int WARM_UP = 100_000;
    private static final int MEASURED = 200_000;

    @Test
    void qos0PublishAllocatesNothingPerMessage() throws Exception {
        measure(false, false);
    }

    @Test
    void qos0SendAllocatesNothingPerMessage() throws Exception {
        measure(true, false);
    }

    @Test
    void qos0PublishOfASharedClientAllocatesNothingPerMessage() throws Exception {
        measure(false, true);
    }

    private static void measure(boolean send, boolean shared) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocations per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        byte[] topic = TestClients.unique("alloc").getBytes();
        String stringTopic = TestClients.unique("alloc-s");
        byte[] payload = new byte[64];
        // Any broker (counted are this thread's allocations): HiveMQ CE, which every machine has.
        try (SimpleClient c = TestClients.tcp(Brokers.hivemq(), "alloc").shared(shared).build()) {
            c.connect();
            for (int i = 0; i < WARM_UP; i++) {
                publish(c, send, topic, stringTopic, payload);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                publish(c, send, topic, stringTopic, payload);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            double perMessage = (double) allocated / (2 * MEASURED);
            // Zero per message; a few hundred bytes of one-off noise (a lazily created JDK object) are tolerated.
            assertTrue(perMessage < 0.01, allocated + " bytes for " + 2 * MEASURED + " publishes = " + perMessage
                    + " B/message");
        }
    }

    private static void publish(SimpleClient c, boolean send, byte[] topic, String stringTopic, byte[] payload)
            throws java.io.IOException {
        if (send) {
            c.send(topic, payload, false, 0);
            c.send(stringTopic, payload, false, 0);
        } else {
            c.publish(topic, payload, false, 0);
            c.publish(stringTopic, payload, false, 0); // a constant String topic is encoded once
        }
    }
}

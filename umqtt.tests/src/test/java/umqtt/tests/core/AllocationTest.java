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
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocations per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        byte[] topic = TestClients.unique("alloc").getBytes();
        String stringTopic = TestClients.unique("alloc-s");
        byte[] payload = new byte[64];
        // Any broker (counted are this thread's allocations): HiveMQ CE, which every machine has.
        try (SimpleClient c = TestClients.tcp(Brokers.hivemq(), "alloc").build()) {
            c.connect();
            for (int i = 0; i < WARM_UP; i++) {
                c.publish(topic, payload, false, 0);
                c.publish(stringTopic, payload, false, 0);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                c.publish(topic, payload, false, 0);
                c.publish(stringTopic, payload, false, 0); // a constant String topic is encoded once
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            double perMessage = (double) allocated / (2 * MEASURED);
            // Zero per message; a few hundred bytes of one-off noise (a lazily created JDK object) are tolerated.
            assertTrue(perMessage < 0.01, allocated + " bytes for " + 2 * MEASURED + " publishes = " + perMessage
                    + " B/message");
        }
    }

    /** The same for {@code send} at QoS 0: a ticket, and no copy (only QoS 1/2 sends keep a copy in the session). */
    @Test
    void qos0SendAllocatesNothingPerMessage() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocations per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        byte[] topic = TestClients.unique("alloc-send").getBytes();
        String stringTopic = TestClients.unique("alloc-send-s");
        byte[] payload = new byte[64];
        try (SimpleClient c = TestClients.tcp(Brokers.hivemq(), "alloc-send").build()) {
            c.connect();
            long tickets = 0;
            for (int i = 0; i < WARM_UP; i++) {
                tickets += c.send(topic, payload, false, 0);
                tickets += c.send(stringTopic, payload, false, 0);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                tickets += c.send(topic, payload, false, 0);
                tickets += c.send(stringTopic, payload, false, 0);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            double perMessage = (double) allocated / (2 * MEASURED);
            assertTrue(perMessage < 0.01, allocated + " bytes for " + 2 * MEASURED + " sends = " + perMessage
                    + " B/message");
            assertTrue(tickets > 0);
            assertTrue(c.flush(java.time.Duration.ofSeconds(1)), "QoS 0 is never in flight");
        }
    }
}

package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.tests.brokers.Brokers;

/**
 * The QoS 0 path with no properties allocates nothing per message once connected, topic aliases in
 * use (HiveMQ CE grants some), counted with the JVM's per-thread allocation counter.
 */
class Qos0HotPathTest {

    private static final int WARM_UP = 100_000;
    private static final int MEASURED = 200_000;

    @Test
    void qos0PublishAndSendAllocateNothingPerMessage() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocations per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        byte[] topic = Mqtt5Clients.unique("m5/alloc").getBytes();
        String stringTopic = Mqtt5Clients.unique("m5/alloc-s");
        byte[] payload = new byte[64];
        try (Mqtt5Client c = Mqtt5Clients.tcp(Brokers.hivemq(), "alloc").build()) {
            c.connect();
            assertTrue(c.connack().topicAliasMaximum() > 0, "HiveMQ grants topic aliases: " + c.connack());
            for (int i = 0; i < WARM_UP; i++) {
                round(c, topic, stringTopic, payload);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                round(c, topic, stringTopic, payload);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            double perMessage = (double) allocated / (4 * MEASURED);
            assertTrue(perMessage < 0.01, allocated + " bytes for " + 4 * MEASURED + " messages = " + perMessage
                    + " B/message");
        }
    }

    private static void round(Mqtt5Client c, byte[] topic, String stringTopic, byte[] payload) throws Exception {
        c.publish(topic, payload, false, 0);
        c.publish(stringTopic, payload, false, 0);
        c.send(topic, payload, false, 0);
        c.publish(topic, payload, false, 0, PublishProperties.NONE);
    }
}

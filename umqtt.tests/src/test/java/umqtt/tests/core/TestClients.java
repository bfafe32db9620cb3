package umqtt.tests.core;

import java.util.concurrent.atomic.AtomicInteger;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;

/** Builders for clients of the test brokers, with ids and topics that never collide between tests. */
final class TestClients {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);

    private TestClients() {
    }

    /** A unique client id or topic prefix for this JVM run. */
    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    /** A builder for {@code broker}'s plain TCP listener with a unique client id. */
    static SimpleClient.Builder tcp(Broker broker, String prefix) {
        return SimpleClient.builder().server(broker.uri(Broker.Listener.TCP).toString()).clientId(unique(prefix));
    }
}

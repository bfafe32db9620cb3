package umqtt.tests.mqtt5;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import umqtt.api.Message;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Brokers;

/** Builders for MQTT 5 clients of the test brokers, unique ids and topics, and an inbox for messages. */
final class Mqtt5Clients {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);

    private Mqtt5Clients() {
    }

    /** The brokers that speak MQTT 5. */
    static Stream<Broker> brokers() {
        return Stream.of(Brokers.hivemq(), Brokers.mosquitto());
    }

    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    static Mqtt5Client.Builder tcp(Broker broker, String prefix) {
        return Mqtt5Client.builder().server(broker.uri(Broker.Listener.TCP).toString()).clientId(unique(prefix));
    }

    /** Collects messages with their properties. */
    static final class Received {
        final List<Message> messages = new ArrayList<>();
        final List<PublishProperties> properties = new ArrayList<>();

        void add(Message m, PublishProperties p) {
            messages.add(m);
            properties.add(p);
        }

        /** Reads until {@code n} messages arrived, failing after 10 s. */
        Received await(Mqtt5Client c, int n) throws java.io.IOException {
            long end = System.nanoTime() + 10_000_000_000L;
            while (messages.size() < n) {
                if (System.nanoTime() - end > 0) {
                    throw new AssertionError("only " + messages.size() + " of " + n + " messages arrived");
                }
                c.waitMsg(java.time.Duration.ofMillis(200));
            }
            return this;
        }
    }
}

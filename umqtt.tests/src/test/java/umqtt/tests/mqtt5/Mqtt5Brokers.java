package umqtt.tests.mqtt5;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;

/**
 * The shared brokers that speak MQTT 5, for
 * {@code @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")}: HiveMQ CE and Mosquitto (aedes
 * speaks 3.1.1 only). A missing Mosquitto skips its invocations (fails them under
 * {@code UMQTT_REQUIRE_BROKERS=1}).
 */
public final class Mqtt5Brokers {

    /** How long a test waits for something that should happen at once. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private Mqtt5Brokers() {
    }

    /** @return HiveMQ CE and Mosquitto */
    public static Stream<Broker> all() {
        return Stream.of(Brokers.hivemq(), Brokers.mosquitto());
    }

    /**
     * @param broker the broker
     * @param name a prefix for a client id unique to this run
     * @return a builder for its plain TCP listener, with a unique client id and short timeouts
     */
    static Mqtt5Client.Builder client(Broker broker, String name) {
        return client(broker.uri(Listener.TCP), name);
    }

    /**
     * @param server the server's URI
     * @param name a prefix for a client id unique to this run
     * @return a builder with a unique client id and short timeouts
     */
    static Mqtt5Client.Builder client(URI server, String name) {
        return Mqtt5Client.builder().server(server.toString()).clientId(id(name))
                .keepAlive(Duration.ofSeconds(10)).responseTimeout(Duration.ofSeconds(5));
    }

    /** @return {@code name} and a suffix unique to this JVM */
    static String id(String name) {
        return name + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** @return {@code prefix/} and a suffix unique to this JVM: a topic no other test uses */
    static String topic(String prefix) {
        return "m5/" + prefix + "/" + Long.toString(System.nanoTime(), 36);
    }
}

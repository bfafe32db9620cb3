package umqtt.tests.brokers;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import umqtt.tests.brokers.Broker.Listener;

/**
 * The brokers every behaviour test runs against, for
 * {@code @ParameterizedTest @MethodSource("umqtt.tests.brokers.Brokers#all")}.
 * Each broker starts on first use (once per JVM); a missing Mosquitto or aedes (Node.js) skips only its
 * invocations (fails them under {@code UMQTT_REQUIRE_BROKERS=1}); the Docker broker is listed
 * only where a Docker engine answers.
 */
public final class Brokers {

    private static final Broker HIVEMQ = new LazyBroker("hivemq", HiveMq.LISTENERS, HiveMq::shared);
    private static final Broker MOSQUITTO = new LazyBroker("mosquitto",
            EnumSet.allOf(Listener.class), Mosquitto::shared);
    private static final Broker AEDES = new LazyBroker(Aedes.NAME, EnumSet.allOf(Listener.class), Aedes::shared);
    private static final Broker DOCKER_MOSQUITTO = new LazyBroker("mosquitto-docker",
            Set.of(Listener.TCP), DockerMosquitto::shared);

    private Brokers() {
    }

    /** @return HiveMQ CE, Mosquitto, aedes, and where Docker runs the eclipse-mosquitto container */
    public static Stream<Broker> all() {
        return DockerMosquitto.dockerAvailable()
                ? Stream.of(HIVEMQ, MOSQUITTO, AEDES, DOCKER_MOSQUITTO)
                : Stream.of(HIVEMQ, MOSQUITTO, AEDES);
    }

    /** @return the brokers of {@link #all()} with a {@link Listener#TLS} listener */
    public static Stream<Broker> withTls() {
        return all().filter(broker -> broker.has(Listener.TLS));
    }

    /**
     * @return the brokers of {@link #all()} with {@link Listener#TLS_WRONG_HOST} and
     *     {@link Listener#TLS_EXPIRED} listeners
     */
    public static Stream<Broker> withBadCertificates() {
        return all().filter(broker -> broker.has(Listener.TLS_WRONG_HOST) && broker.has(Listener.TLS_EXPIRED));
    }

    /** @return the brokers of {@link #all()} with a {@link Listener#PSK} listener */
    public static Stream<Broker> withPsk() {
        return all().filter(broker -> broker.has(Listener.PSK));
    }

    /** @return the brokers of {@link #all()} with a {@link Listener#MUTUAL_TLS} listener */
    public static Stream<Broker> withMutualTls() {
        return all().filter(broker -> broker.has(Listener.MUTUAL_TLS));
    }

    /** @return the brokers of {@link #all()} with {@link Listener#WS} and {@link Listener#WSS} listeners */
    public static Stream<Broker> withWebSocket() {
        return all().filter(broker -> broker.has(Listener.WS) && broker.has(Listener.WSS));
    }

    /** @return the brokers of {@link #all()} with an {@link Listener#AUTH} listener */
    public static Stream<Broker> withAuth() {
        return all().filter(broker -> broker.has(Listener.AUTH));
    }

    /**
     * @return the brokers a test may own, stop and start again on the same ports (Mosquitto and
     *     aedes; HiveMQ CE embedded takes seconds to stop and start), for tests of restarts
     */
    public static Stream<PrivateBroker> restartable() {
        return Stream.of(new PrivateBroker(Mosquitto.NAME, Mosquitto::startPrivate),
                new PrivateBroker(Aedes.NAME, Aedes::startPrivate));
    }

    /** @return the shared embedded HiveMQ CE, started on first use */
    public static Broker hivemq() {
        return HIVEMQ;
    }

    /** @return the shared Mosquitto child process, started on first use */
    public static Broker mosquitto() {
        return MOSQUITTO;
    }

    /** @return the shared aedes (Node.js) child process, installed and started on first use */
    public static Broker aedes() {
        return AEDES;
    }
}

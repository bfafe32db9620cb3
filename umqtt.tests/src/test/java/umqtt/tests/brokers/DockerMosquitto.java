package umqtt.tests.brokers;

import java.net.URI;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@code eclipse-mosquitto:2} image run by Testcontainers, with its anonymous TCP listener
 * only. Offered only where a Docker engine answers ({@link #dockerAvailable()}); elsewhere it is
 * left out of {@link Brokers#all()} rather than failing.
 */
public final class DockerMosquitto implements Broker {

    private static final DockerImageName IMAGE = DockerImageName.parse("eclipse-mosquitto:2");
    private static final int MQTT_PORT = 1883;
    private static Boolean dockerAvailable;
    private static DockerMosquitto shared;

    private final GenericContainer<?> container;

    private DockerMosquitto(GenericContainer<?> container) {
        this.container = container;
    }

    /** @return whether a Docker engine answers (checked once per JVM, about 0.3 s when absent) */
    public static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            try {
                dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                dockerAvailable = false;
            }
        }
        return dockerAvailable;
    }

    /**
     * Returns the container broker of this JVM, starting it on first use (stopped by
     * Testcontainers when the JVM exits). Skips the calling test when Docker is absent, even under
     * {@code UMQTT_REQUIRE_BROKERS=1}.
     *
     * @return the running broker
     */
    @SuppressWarnings("resource") // lives until the JVM exits; Testcontainers' reaper removes it
    public static synchronized DockerMosquitto shared() {
        if (!dockerAvailable()) {
            // Docker is optional even under UMQTT_REQUIRE_BROKERS=1: the other brokers cover every test.
            Assumptions.abort("no Docker engine: the eclipse-mosquitto container cannot run");
        }
        if (shared == null) {
            GenericContainer<?> container = new GenericContainer<>(IMAGE)
                    .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf")
                    .withExposedPorts(MQTT_PORT)
                    .waitingFor(Wait.forListeningPort());
            container.start();
            shared = new DockerMosquitto(container);
        }
        return shared;
    }

    @Override
    public String name() {
        return "mosquitto-docker";
    }

    @Override
    public boolean has(Listener listener) {
        return Objects.requireNonNull(listener, "listener") == Listener.TCP;
    }

    @Override
    public URI uri(Listener listener) {
        assumeListener(listener);
        return URI.create("mqtt://" + container.getHost() + ":" + container.getMappedPort(MQTT_PORT));
    }

    @Override
    public String toString() {
        return name();
    }
}

package umqtt.tests.brokers;

import java.util.Objects;
import org.opentest4j.TestAbortedException;

/**
 * The skip of a test whose broker (or a program that comes with it) is not installed. It names
 * the broker and the command that installs it, so {@link MissingBrokerReport} can sum the skips
 * up per broker at the end of the run.
 */
public final class MissingBrokerAbort extends TestAbortedException {

    private static final long serialVersionUID = 1L;

    private final String broker;
    private final String install;

    MissingBrokerAbort(String broker, String install, String message) {
        super(message);
        this.broker = Objects.requireNonNull(broker, "broker");
        this.install = Objects.requireNonNull(install, "install");
    }

    /** @return the missing broker's name, e.g. {@code "mosquitto"} */
    public String broker() {
        return broker;
    }

    /** @return the command that installs it, e.g. {@code "apt-get install mosquitto mosquitto-clients"} */
    public String install() {
        return install;
    }
}

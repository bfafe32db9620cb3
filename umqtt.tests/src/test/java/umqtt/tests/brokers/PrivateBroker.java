package umqtt.tests.brokers;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How to start a broker a test owns and restarts, named for test reports; see
 * {@link Brokers#restartable()}. Nothing starts until the test calls {@link #start()}, so a missing
 * broker skips only that test.
 *
 * @param name the broker's name, e.g. {@code "mosquitto"}
 * @param starter starts a new private broker
 */
public record PrivateBroker(String name, Supplier<? extends RestartableBroker> starter) {

    /** Checks both parts. */
    public PrivateBroker {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(starter, "starter");
    }

    /** @return a new running broker owned by the caller, who stops it */
    public RestartableBroker start() {
        return starter.get();
    }

    @Override
    public String toString() {
        return name;
    }
}

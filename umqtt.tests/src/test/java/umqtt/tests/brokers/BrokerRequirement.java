package umqtt.tests.brokers;

import java.util.Objects;

/**
 * What a missing broker means for a test: a skip on a developer's machine, a failure when the
 * environment variable {@code UMQTT_REQUIRE_BROKERS=1} says the run must test against every
 * broker (as {@code .ci/run} does). Either way the message names the broker and how to install it.
 */
public final class BrokerRequirement {

    /** The environment variable that turns a missing broker into a failure. */
    public static final String VARIABLE = "UMQTT_REQUIRE_BROKERS";

    private BrokerRequirement() {
    }

    /** @return whether {@code UMQTT_REQUIRE_BROKERS=1} is set */
    public static boolean required() {
        return "1".equals(System.getenv(VARIABLE));
    }

    /**
     * Skips the calling test (a {@link MissingBrokerAbort}) because a broker is missing, or fails
     * it with a {@link MissingBrokerFailure} when brokers are required.
     *
     * @param broker the broker's name, e.g. {@code "mosquitto"}
     * @param what what is missing, e.g. {@code "mosquitto_pub is not installed"}
     * @param install the command that installs it
     * @return never returns normally; declared so callers can write {@code throw missing(...)}
     */
    public static RuntimeException missing(String broker, String what, String install) {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(install, "install");
        String message = Objects.requireNonNull(what, "what") + ": " + install
                + (HiddenBrokers.hides(broker) ? " (hidden by " + HiddenBrokers.VARIABLE + ")" : "");
        if (required()) {
            throw new MissingBrokerFailure(message + " (required because " + VARIABLE + "=1)");
        }
        throw new MissingBrokerAbort(broker, install, message + " (set " + VARIABLE + "=1 to make this a failure)");
    }
}

package umqtt.tests.brokers;

import org.junit.jupiter.api.Assumptions;

/**
 * What a missing broker means for a test: a skip (JUnit assumption) on a developer's machine,
 * a failure when the environment variable {@code UMQTT_REQUIRE_BROKERS=1} says the run must
 * test against every broker (as {@code .ci/run} does).
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
     * Skips the calling test because a broker is missing, or fails it when brokers are required.
     *
     * @param message what is missing and how to install it
     * @return never returns normally; declared so callers can write {@code throw missing(...)}
     */
    public static RuntimeException missing(String message) {
        if (required()) {
            throw new IllegalStateException(message + " (required because " + VARIABLE + "=1)");
        }
        Assumptions.abort(message + " (set " + VARIABLE + "=1 to make this a failure)");
        throw new AssertionError("unreachable");
    }
}

package umqtt.tests.brokers;

/**
 * The failure of a test whose broker is missing while {@code UMQTT_REQUIRE_BROKERS=1} requires
 * every broker; its message names the broker and the command that installs it.
 */
public final class MissingBrokerFailure extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    MissingBrokerFailure(String message) {
        super(message);
    }
}

package umqtt.tests.brokers;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Keeps a missing broker a skip (or, under {@code UMQTT_REQUIRE_BROKERS=1}, a failure naming the
 * broker) when a test meets it inside {@code assertThrows}: there the {@link MissingBrokerAbort} or
 * {@link MissingBrokerFailure} arrives wrapped in an "unexpected exception type" assertion error,
 * which this handler unwraps. Registered for every test through {@code META-INF/services}
 * ({@code junit.jupiter.extensions.autodetection.enabled} in {@code junit-platform.properties}).
 * Tests should still reach their broker before {@code assertThrows}: an {@code assertThrows}
 * expecting {@code RuntimeException} would swallow the skip.
 */
public final class MissingBrokerUnwrapper implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        for (Throwable t = error.getCause(); t != null; t = t.getCause()) {
            if (t instanceof MissingBrokerAbort || t instanceof MissingBrokerFailure) {
                t.addSuppressed(error);
                throw t;
            }
        }
        throw error;
    }
}

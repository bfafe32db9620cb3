package umqtt.robust;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import umqtt.api.MqttException;

/**
 * Every line {@link RobustClient} logs, formatted here and nowhere else (the original's
 * {@code log(in_reconnect, e)}). A failure's text passes through {@link Redaction} first: a
 * delegate's message may name its server URI, whose user info and query are never logged.
 * Servers are named by their position ("server 2 of 3"), never by their URI.
 */
final class RobustLog {

    /** The configured logger, or null for the default, which is created on first use. */
    private final System.Logger configured;
    private final int servers;

    RobustLog(System.Logger configured, int servers) {
        this.configured = configured;
        this.servers = servers;
    }

    /** An attempt failed and another follows after {@code delayNanos}. */
    void retrying(String operation, int failedOn, int attempt, Exception failure, int next, long delayNanos) {
        // The first failure is news; the attempts that follow are its story.
        logger().log(attempt == 1 ? Level.WARNING : Level.INFO, () -> operation + " failed on " + server(failedOn)
                + " (attempt " + attempt + "): " + Redaction.describe(failure) + "; reconnecting to server "
                + (next + 1) + " in " + delayNanos / 1_000_000 + " ms");
    }

    /** The operation is given up; {@code failure} is thrown. */
    void gaveUp(String operation, int failedOn, String why, Exception failure) {
        logger().log(Level.WARNING, () -> operation + " gave up on " + server(failedOn) + " after " + why + ": "
                + Redaction.describe(failure));
    }

    /** A connect succeeded; the first one is logged only to a configured logger. */
    void connected(boolean reconnect, int index, boolean present) {
        Level level = reconnect ? Level.INFO : Level.DEBUG;
        // Asking the default logger would create it, ~30 ms of every cold start, for a line
        // that is almost never shown.
        if ((reconnect || configured != null) && logger().isLoggable(level)) {
            logger().log(level, (reconnect ? "reconnected" : "connected") + " to " + server(index)
                    + ", session present: " + present);
        }
    }

    /** The remembered subscriptions were sent again. */
    void renewed(int sent, int index, boolean present) {
        logger().log(Level.INFO, () -> "renewed " + sent + " subscription(s) on server " + (index + 1)
                + " (session present: " + present + ")");
    }

    /** A renewed subscription was refused, and is forgotten. */
    void renewalRefused(byte[] topic, int qos, MqttException refused) {
        logger().log(Level.ERROR, () -> "the broker refused the subscription to '"
                + new String(topic, StandardCharsets.UTF_8) + "' (QoS " + qos + ") when it was renewed after a "
                + "reconnect; it is forgotten: " + Redaction.scrub(refused.getMessage()));
    }

    /** A delegate that cannot resume a session is connected with clean sessions from now on. */
    void cannotResume(int index, IllegalArgumentException e) {
        logger().log(Level.WARNING, () -> "server " + (index + 1) + "'s client cannot resume a session ("
                + Redaction.scrub(e.getMessage()) + "); reconnecting it with clean sessions from now on: a message "
                + "in flight is published again and may arrive twice");
    }

    /** A delegate's session is discarded at its next connect, so a message in it is not sent again. */
    void startsClean(int index) {
        logger().log(Level.WARNING, () -> "server " + (index + 1) + " is reconnected with a clean session next: its "
                + "session holds a message that must not be sent again; the subscriptions are renewed, and "
                + "messages the broker queued for them meanwhile are lost");
    }

    /** Closing a delegate threw. */
    void closeFailed(int index, RuntimeException e) {
        logger().log(Level.WARNING, () -> "closing the client of server " + (index + 1) + " failed: "
                + Redaction.describe(e));
    }

    private String server(int index) {
        return "server " + (index + 1) + " of " + servers;
    }

    /** The logger; the default is made on first use, since System.getLogger costs ~30 ms in a cold JVM. */
    private System.Logger logger() {
        return configured != null ? configured : DefaultLog.LOGGER;
    }

    /** Holds the default logger, created when first needed. */
    private static final class DefaultLog {
        static final System.Logger LOGGER = System.getLogger("umqtt.robust");
    }
}

package umqtt.cli;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import umqtt.api.MqttException;

/**
 * The failures of a run, counted by kind: where it happened (connect, or later: lost) and what it
 * was (refused with its CONNACK code, timeout, connection refused, reset, DNS, TLS...). Safe to
 * use from every client's thread.
 */
final class BenchErrors {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /**
     * Counts one failure.
     *
     * @param phase {@code connect}, {@code subscribe} or {@code lost}
     * @param e what was thrown
     */
    void count(String phase, Throwable e) {
        counts.computeIfAbsent(phase + ": " + kind(e), k -> new LongAdder()).increment();
    }

    /** @return the counts by kind, sorted by kind */
    Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** @return the kind of a failure, e.g. "refused: bad user name or password (4)" or "timeout" */
    static String kind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName().toLowerCase(Locale.ROOT);
            if (name.contains(".ssl.") || name.contains("tls")) {
                return "tls";
            }
        }
        if (e instanceof MqttException m) {
            return switch (m.code()) {
                case MqttException.UNACCEPTABLE_PROTOCOL_VERSION -> "refused: unacceptable protocol version (1)";
                case MqttException.IDENTIFIER_REJECTED -> "refused: identifier rejected (2)";
                case MqttException.SERVER_UNAVAILABLE -> "refused: server unavailable (3)";
                case MqttException.BAD_USER_NAME_OR_PASSWORD -> "refused: bad user name or password (4)";
                case MqttException.NOT_AUTHORIZED -> "refused: not authorized (5)";
                case MqttException.SUBSCRIPTION_REFUSED -> "subscription refused (0x80)";
                default -> m.code() > 0 && m.code() < 256 && m.getMessage() != null && m.getMessage().contains("refused")
                        ? "refused (" + m.code() + ")" : "protocol error (0x" + Integer.toHexString(m.code()) + ")";
            };
        }
        if (e instanceof UnknownHostException) {
            return "dns";
        }
        if (e instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (e instanceof ConnectException) {
            return "connection refused (nothing listens)";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof EOFException) {
            return "closed by the broker";
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof SocketException && message.contains("reset")) {
            return "connection reset";
        }
        if (message.contains("broken pipe")) {
            return "broken pipe";
        }
        if (message.contains("closed")) {
            return "closed by the broker";
        }
        return e.getClass().getSimpleName();
    }
}

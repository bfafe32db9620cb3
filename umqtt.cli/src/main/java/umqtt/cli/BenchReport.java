package umqtt.cli;

import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The summary of a run: a table for people, or one JSON object ({@code --json}) with the same
 * figures, latencies in microseconds.
 */
final class BenchReport {

    private BenchReport() {
    }

    /**
     * @param o the options of the run
     * @param s its counters and histograms, totals up to date
     * @param nanos how long it ran, from the first connect
     * @param connectNanos from the first connect until the last client was connected (or gave up)
     * @return the summary, ending in a newline
     */
    static String text(BenchOptions o, BenchStats s, long nanos, long connectNanos) {
        double seconds = nanos / 1e9;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "umqtt bench %s: %,d clients on %s, %s, %.1f s%n", o.name(), o.clients,
                BenchThreads.describe(), o.connect.server(), seconds));
        long pending = o.clients - s.connected.sum() - s.failed.sum();
        b.append(String.format(Locale.ROOT, "  connected   %,d of %,d, %,d failed, %,d lost later; %,.0f connects/s%s%n",
                s.connected.sum(), o.clients, s.failed.sum(), s.disconnected.sum(), connectRate(s, connectNanos),
                pending == 0 ? "" : String.format(Locale.ROOT, "; %,d still connecting or not started at the end",
                        pending)));
        Histogram c = s.connectTimes();
        if (c.getTotalCount() > 0) {
            b.append("  connect     p50 ").append(millis(c.getValueAtPercentile(50))).append(", p99 ")
                    .append(millis(c.getValueAtPercentile(99))).append(", max ").append(millis(c.getMaxValue()))
                    .append('\n');
        }
        if (o.mode == BenchOptions.Mode.PUB) {
            b.append(String.format(Locale.ROOT, "  sent        %,d messages of %d bytes, QoS %d: %,.0f/s%n",
                    s.sent.sum(), o.size, o.connect.qos, s.sent.sum() / Math.max(1e-9, seconds)));
        }
        if (o.mode == BenchOptions.Mode.SUB) {
            b.append(String.format(Locale.ROOT, "  received    %,d messages: %,.0f/s%s%n", s.received.sum(),
                    s.received.sum() / Math.max(1e-9, seconds),
                    s.untimed.sum() == 0 ? "" : String.format(Locale.ROOT, " (%,d without a usable send time)",
                            s.untimed.sum())));
            Histogram l = s.latencies();
            if (l.getTotalCount() > 0) {
                b.append("  latency     p50 ").append(millis(l.getValueAtPercentile(50))).append(", p90 ")
                        .append(millis(l.getValueAtPercentile(90))).append(", p99 ")
                        .append(millis(l.getValueAtPercentile(99))).append(", max ").append(millis(l.getMaxValue()))
                        .append('\n');
            }
        }
        for (Map.Entry<String, Long> e : s.errors.snapshot().entrySet()) {
            b.append(String.format(Locale.ROOT, "  error       %,d %s%n", e.getValue(), e.getKey()));
        }
        return b.toString();
    }

    /** @return the summary as one JSON object and a newline */
    static String json(BenchOptions o, BenchStats s, long nanos, long connectNanos) {
        double seconds = nanos / 1e9;
        StringBuilder b = new StringBuilder("{");
        field(b, "mode", quote(o.name()));
        field(b, "server", quote(o.connect.server()));
        field(b, "threads", quote(BenchThreads.virtual() ? "virtual" : "platform"));
        field(b, "clients", o.clients);
        field(b, "connected", s.connected.sum());
        field(b, "failed", s.failed.sum());
        field(b, "pending", o.clients - s.connected.sum() - s.failed.sum());
        field(b, "lost", s.disconnected.sum());
        field(b, "subscribed", s.subscribed.sum());
        field(b, "seconds", round(seconds));
        field(b, "connectsPerSecond", round(connectRate(s, connectNanos)));
        field(b, "connectMicros", percentiles(s.connectTimes()));
        field(b, "qos", o.connect.qos);
        field(b, "size", o.size);
        field(b, "sent", s.sent.sum());
        field(b, "sentPerSecond", round(s.sent.sum() / Math.max(1e-9, seconds)));
        field(b, "received", s.received.sum());
        field(b, "receivedPerSecond", round(s.received.sum() / Math.max(1e-9, seconds)));
        field(b, "untimed", s.untimed.sum());
        field(b, "latencyMicros", percentiles(s.latencies()));
        StringBuilder errors = new StringBuilder("{");
        s.errors.snapshot().forEach((k, v) -> field(errors, quote(k), v));
        b.append("\"errors\":").append(errors.append('}'));
        return b.append("}\n").toString();
    }

    /** @return microseconds as milliseconds with a unit, e.g. "1.23 ms" */
    static String millis(long micros) {
        return String.format(Locale.ROOT, micros < 10_000 ? "%.2f ms" : "%.0f ms", micros / 1000.0);
    }

    private static double connectRate(BenchStats s, long connectNanos) {
        return s.connected.sum() / Math.max(1e-3, connectNanos / 1e9);
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "null";
        }
        return "{\"count\":" + h.getTotalCount() + ",\"p50\":" + h.getValueAtPercentile(50) + ",\"p90\":"
                + h.getValueAtPercentile(90) + ",\"p99\":" + h.getValueAtPercentile(99) + ",\"max\":"
                + h.getMaxValue() + "}";
    }

    private static void field(StringBuilder b, String name, Object value) {
        b.append(name.startsWith("\"") ? name : quote(name)).append(':').append(value).append(',');
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** @return a JSON string: quotes, backslashes and control characters escaped */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

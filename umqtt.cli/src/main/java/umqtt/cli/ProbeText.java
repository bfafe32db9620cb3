package umqtt.cli;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** How {@code umqtt probe} writes times, sizes and payloads in its rows. */
final class ProbeText {

    private static final int PAYLOAD_SHOWN = 32;

    private ProbeText() {
    }

    /** @return nanoseconds as milliseconds, e.g. {@code "0.42 ms"} or {@code "12 ms"} */
    static String ms(long nanos) {
        double ms = nanos / 1e6;
        return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : "%.0f ms", ms);
    }

    /** @return a duration in seconds, e.g. {@code "5 s"} or {@code "0.5 s"} */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** @return a byte count with its binary unit when round, e.g. {@code "1048576 (1 MiB)"} */
    static String bytes(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return n + " (" + (n >> 20) + " MiB)";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return n + " (" + (n >> 10) + " KiB)";
        }
        return Long.toString(n);
    }

    /** @return a topic of this run without its random prefix, e.g. {@code "plus/"} */
    static String shortTopic(ProbeContext p, String topic) {
        return topic.startsWith(p.prefix) ? topic.substring(p.prefix.length()) : topic;
    }

    /** @return a payload as text when printable, cut to a few characters, else its size */
    static String payload(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        if (!s.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd)) {
            return payload.length + " bytes";
        }
        return s.length() > PAYLOAD_SHOWN ? s.substring(0, PAYLOAD_SHOWN) + "..." : s;
    }
}

package umqtt.bench.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The windowed QoS 1 figures (issue 12) as Markdown: the WAN table against the ideal, and the targets. */
final class WanReport {

    private WanReport() {
    }

    static void render(StringBuilder b, Map<String, Map<String, List<Double>>> results, Map<String, String> options) {
        boolean wan = has(results, "wan.");
        boolean loopback = has(results, "win20.");
        if (!wan && !loopback) {
            return;
        }
        double rttSeconds = 2 * Double.parseDouble(options.getOrDefault("wan-delay-ms", "10")) / 1000;
        List<String> columns = new ArrayList<>();
        for (String w : options.getOrDefault("windows", "1,10,20,100").split(",")) {
            columns.add(w.trim());
        }
        columns.add("blocking");
        List<String> rows = new ArrayList<>();
        results.forEach((c, r) -> {
            if (r.keySet().stream().anyMatch(k -> k.startsWith("wan."))) {
                rows.add(c);
            }
        });
        if (wan) {
            b.append("\n### WAN: QoS 1 through a window, ").append(Harness.fmt(rttSeconds * 500)).append(" ms each way (")
                    .append(Harness.fmt(rttSeconds * 1000)).append(" ms round trip)");
            String bw = options.getOrDefault("bandwidth", "0");
            b.append(bw.equals("0") ? "" : ", " + bw + " B/s per direction").append("\n\n");
            b.append("Each cell: msg/s, median over the runs, then × the ideal (window / round trip). ")
                    .append("\"blocking\" is the blocking publish, one message per round trip.\n\n");
            b.append("| contender |");
            columns.forEach(w -> b.append(w.equals("blocking") ? " blocking |" : " window " + w + " |"));
            b.append("\n|---|");
            columns.forEach(w -> b.append("---:|"));
            b.append("\n| ideal |");
            columns.forEach(w -> b.append(' ').append(Harness.fmt(window(w) / rttSeconds)).append(" |"));
            b.append('\n');
            for (String c : rows) {
                b.append("| ").append(c).append(" |");
                for (String w : columns) {
                    double v = Report.median(results.get(c).get(key(w)));
                    b.append(' ').append(Double.isNaN(v) ? "—" : Harness.fmt(v) + " (×" + String.format(
                            java.util.Locale.ROOT, "%.2f", v / (window(w) / rttSeconds)) + ")").append(" |");
                }
                b.append('\n');
            }
            b.append("\nSpread (min – max, msg/s) and runs:\n\n| contender |");
            header(b, columns);
            for (String c : rows) {
                b.append("| ").append(c).append(" |");
                for (String w : columns) {
                    List<Double> v = results.get(c).get(key(w));
                    b.append(' ').append(v == null || v.isEmpty() ? "—" : Harness.fmt(Collections.min(v)) + " – "
                            + Harness.fmt(Collections.max(v)) + " (" + v.size() + "×)").append(" |");
                }
                b.append('\n');
            }
        }
        if (wan) {
            b.append("\nThe relay's lateness: how long after a chunk's due time its writer thread woke to deliver it, ms,"
                    + " mean over the chunks of a run (median over the runs) / largest of any run. It is what a busy"
                    + " machine's scheduler added to the round trip inside the relay alone.\n\n| contender |");
            header(b, columns);
            for (String c : rows) {
                b.append("| ").append(c).append(" |");
                for (String w : columns) {
                    String k = key(w);
                    double mean = Report.median(results.get(c).get(k.replace(".rate", ".late")));
                    List<Double> max = results.get(c).get(k.replace(".rate", ".lateMax"));
                    b.append(' ').append(Double.isNaN(mean) ? "—" : Harness.fmt(mean) + " / "
                            + Harness.fmt(Collections.max(max))).append(" |");
                }
                b.append('\n');
            }
        }
        b.append("\n### Targets (issue 12), umqtt\n\n| target | umqtt | verdict |\n|---|---:|---|\n");
        double ideal20 = 20 / rttSeconds;
        double ideal100 = 100 / rttSeconds;
        target(b, "WAN window 20 ≥ 0.9 × ideal", median(results, "umqtt", "wan.w20.rate") / ideal20, 0.9);
        target(b, "WAN window 20 ≥ 1.0 × paho-async", ratio(results, "wan.w20.rate", "paho-async"), 1.0);
        target(b, "WAN window 20 ≥ 1.0 × hivemq-async", ratio(results, "wan.w20.rate", "hivemq-async"), 1.0);
        target(b, "WAN window 100 ≥ 0.9 × ideal", median(results, "umqtt", "wan.w100.rate") / ideal100, 0.9);
        target(b, "loopback qos1-win20 ≥ 1.5 × hivemq-async", ratio(results, "win20.rate", "hivemq-async"), 1.5);
        target(b, "loopback qos1-win20 ≥ 1.5 × paho-async", ratio(results, "win20.rate", "paho-async"), 1.5);
    }

    private static boolean has(Map<String, Map<String, List<Double>>> results, String prefix) {
        return results.values().stream().anyMatch(r -> r.keySet().stream().anyMatch(k -> k.startsWith(prefix)));
    }

    private static int window(String column) {
        return column.equals("blocking") ? 1 : Integer.parseInt(column);
    }

    private static String key(String column) {
        return "wan." + (column.equals("blocking") ? "blocking" : "w" + column) + ".rate";
    }

    private static double median(Map<String, Map<String, List<Double>>> results, String c, String key) {
        return Report.median(results.getOrDefault(c, Map.of()).get(key));
    }

    private static double ratio(Map<String, Map<String, List<Double>>> results, String key, String base) {
        return median(results, "umqtt", key) / median(results, base, key);
    }

    private static void target(StringBuilder b, String what, double ratio, double bound) {
        b.append("| ").append(what).append(" | ").append(Double.isNaN(ratio) ? "—" : "× " + Harness.fmt(ratio))
                .append(" | ").append(Double.isNaN(ratio) ? "not measured" : ratio >= bound ? "met" : "**missed**")
                .append(" |\n");
    }

    /** The rest of a table's header row after "| contender |", and its alignment row. */
    private static void header(StringBuilder b, List<String> columns) {
        columns.forEach(w -> b.append(' ').append(w).append(" |"));
        b.append("\n|---|");
        columns.forEach(w -> b.append("---:|"));
        b.append('\n');
    }
}

package umqtt.bench.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Renders medians, ratios and the targets as Markdown. */
final class Report {

    private Report() {
    }

    static double median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static String render(Map<String, Map<String, List<Double>>> results, List<String> notes,
            Map<String, String> options) {
        StringBuilder b = new StringBuilder();
        b.append("## Loopback harness\n\n");
        b.append("Options: ").append(options.isEmpty() ? "(defaults)" : options.toString()).append("\n\n");
        for (String n : notes) {
            b.append("- ").append(n).append('\n');
        }
        b.append("\nEach cell: median over all runs, then (× raw floor / × umqtt). For times and costs lower is"
                + " better; for rates higher is better.\n\n");
        b.append("| figure | unit |");
        for (String c : results.keySet()) {
            b.append(' ').append(c).append(" |");
        }
        b.append("\n|---|---|");
        results.keySet().forEach(c -> b.append("---:|"));
        b.append('\n');
        for (Metric m : Metric.ALL) {
            if (results.values().stream().noneMatch(r -> r.containsKey(m.key()))) {
                continue;
            }
            double raw = value(results, "raw", m);
            double umqtt = value(results, "umqtt", m);
            b.append("| ").append(m.label()).append(" | ").append(m.unit()).append(" |");
            for (String c : results.keySet()) {
                double v = value(results, c, m);
                b.append(' ');
                if (Double.isNaN(v)) {
                    b.append("—");
                } else {
                    b.append(Harness.fmt(v)).append(" (").append(ratio(v, raw)).append(" / ")
                            .append(ratio(v, umqtt)).append(')');
                }
                b.append(" |");
            }
            b.append('\n');
        }
        b.append("\nSpread: min – max over the runs behind each median above.\n\n| figure | unit |");
        for (String c : results.keySet()) {
            b.append(' ').append(c).append(" |");
        }
        b.append("\n|---|---|");
        results.keySet().forEach(c -> b.append("---:|"));
        b.append('\n');
        for (Metric m : Metric.ALL) {
            if (results.values().stream().noneMatch(r -> r.containsKey(m.key()))) {
                continue;
            }
            b.append("| ").append(m.label()).append(" | ").append(m.unit()).append(" |");
            for (Map<String, List<Double>> r : results.values()) {
                List<Double> v = r.get(m.key());
                b.append(' ');
                if (v == null || v.isEmpty()) {
                    b.append("—");
                } else {
                    b.append(Harness.fmt(Collections.min(v) * m.scale())).append(" – ")
                            .append(Harness.fmt(Collections.max(v) * m.scale()));
                }
                b.append(" |");
            }
            b.append('\n');
        }
        b.append("\nRuns per figure: ");
        results.forEach((c, r) -> b.append(c).append(' ').append(r.values().stream().mapToInt(List::size)
                .filter(n -> n > 0).min().orElse(0)).append("× (cold ").append(r.getOrDefault("cold", List.of()).size())
                .append("×); "));
        WanReport.render(b, results, options);
        if (results.values().stream().noneMatch(r -> r.keySet().stream().anyMatch(
                k -> k.startsWith("q0.") || k.startsWith("q1.") || k.startsWith("rtt.") || k.startsWith("fp.")
                        || k.equals("cold")))) {
            return b.toString();
        }
        b.append("\n\n### Targets (issue 7), umqtt");
        if (results.containsKey("umqtt-robust")) {
            b.append(" and umqtt-robust");
        }
        b.append("\n\n| target | umqtt | verdict |");
        boolean robust = results.containsKey("umqtt-robust");
        if (robust) {
            b.append(" umqtt-robust | verdict |");
        }
        b.append("\n|---|---:|---|");
        if (robust) {
            b.append("---:|---|");
        }
        b.append('\n');
        target(b, results, robust, "QoS 0 throughput ≥ 0.95 × raw", "q0.rate", "raw", 0.95, true);
        target(b, results, robust, "QoS 1 sequential ≥ 0.85 × raw", "q1.rate", "raw", 0.85, true);
        target(b, results, robust, "QoS 1 sequential ≥ 1.5 × HiveMQ blocking", "q1.rate", "hivemq-blocking", 1.5,
                true);
        target(b, results, robust, "round-trip p50 ≤ 1.2 × raw", "rtt.p50", "raw", 1.2, false);
        target(b, results, robust, "heap per connected client ≤ 1.2 × raw", "fp.heap", "raw", 1.2, false);
        target(b, results, robust, "threads per client = 0", "fp.threads", null, 0, false);
        target(b, results, robust, "connecting all clients ≤ 2 × raw", "fp.connect", "raw", 2, false);
        target(b, results, robust, "cold start ≤ 1.5 × raw", "cold", "raw", 1.5, false);
        return b.toString();
    }

    private static void target(StringBuilder b, Map<String, Map<String, List<Double>>> results, boolean robust,
            String what, String key, String base, double bound, boolean atLeast) {
        b.append("| ").append(what).append(" |");
        for (String c : robust ? List.of("umqtt", "umqtt-robust") : List.of("umqtt")) {
            double v = median(results.getOrDefault(c, Map.of()).get(key));
            double ratio = base == null ? v : v / median(results.getOrDefault(base, Map.of()).get(key));
            boolean ok = atLeast ? ratio >= bound : ratio <= bound;
            b.append(' ').append(Double.isNaN(ratio) ? "—" : (base == null ? Harness.fmt(ratio)
                    : "× " + Harness.fmt(ratio))).append(" | ")
                    .append(Double.isNaN(ratio) ? "not measured" : ok ? "met" : "**missed**").append(" |");
        }
        b.append('\n');
    }

    private static double value(Map<String, Map<String, List<Double>>> results, String c, Metric m) {
        Map<String, List<Double>> r = results.get(c);
        return r == null ? Double.NaN : median(r.get(m.key())) * m.scale();
    }

    private static String ratio(double v, double base) {
        if (Double.isNaN(base) || Double.isNaN(v)) {
            return "—";
        }
        if (base == 0) {
            return v == 0 ? "×1" : "—";
        }
        return "×" + String.format(java.util.Locale.ROOT, "%.2f", v / base);
    }
}

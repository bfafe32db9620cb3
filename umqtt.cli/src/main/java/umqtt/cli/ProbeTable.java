package umqtt.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints the rows of {@code umqtt probe}: a text table for people, or JSON for machines. */
final class ProbeTable {

    private static final int TRIED_WIDTH = 34;
    private static final int GOT_WIDTH = 50;

    private ProbeTable() {
    }

    /** Prints the rows as a table, wrapping long cells within their column. */
    static void text(String server, List<ProbeResult> rows, PrintStream out) {
        int checkWidth = "CHECK".length();
        int verdictWidth = "VERDICT".length();
        for (ProbeResult r : rows) {
            checkWidth = Math.max(checkWidth, r.check().length());
            verdictWidth = Math.max(verdictWidth, r.verdict().label().length());
        }
        String format = "%-" + checkWidth + "s  %-" + verdictWidth + "s  %-" + TRIED_WIDTH + "s  %s%n";
        out.println("umqtt probe of " + server);
        out.printf(format, "CHECK", "VERDICT", "TRIED", "GOT");
        for (ProbeResult r : rows) {
            List<String> tried = wrap(r.tried(), TRIED_WIDTH);
            List<String> got = wrap(r.got(), GOT_WIDTH);
            for (int i = 0; i < Math.max(tried.size(), got.size()); i++) {
                String line = String.format(format, i == 0 ? r.check() : "", i == 0 ? r.verdict().label() : "",
                        i < tried.size() ? tried.get(i) : "", i < got.size() ? got.get(i) : "");
                out.print(line.stripTrailing() + System.lineSeparator());
            }
        }
    }

    /** Prints {@code {"server": ..., "rows": [{"check", "verdict", "tried", "got"}, ...]}}. */
    static void json(String server, List<ProbeResult> rows, PrintStream out) {
        StringBuilder json = new StringBuilder("{\"server\":").append(quote(server)).append(",\"rows\":[");
        for (int i = 0; i < rows.size(); i++) {
            ProbeResult r = rows.get(i);
            json.append(i == 0 ? "\n" : ",\n")
                    .append("{\"check\":").append(quote(r.check()))
                    .append(",\"verdict\":").append(quote(r.verdict().label()))
                    .append(",\"tried\":").append(quote(r.tried()))
                    .append(",\"got\":").append(quote(r.got())).append('}');
        }
        out.println(json.append("\n]}"));
    }

    /** Breaks {@code text} into lines of at most {@code width} characters, at spaces where it can. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(rest);
        return lines;
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}

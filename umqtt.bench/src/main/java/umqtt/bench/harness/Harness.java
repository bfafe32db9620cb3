package umqtt.bench.harness;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import umqtt.bench.harness.wan.DelayRelay;
import umqtt.bench.harness.wan.Lateness;

/**
 * The loopback harness: starts a private Mosquitto, runs every scenario for every contender, each
 * in a fresh JVM with only its own jars, repeats the whole matrix, and prints medians with their
 * ratios to the raw floor and to umqtt.
 *
 * <p>Options: {@code --rounds N} (3), {@code --q0 N} (200000), {@code --q1 N} (20000),
 * {@code --rtt N} (5000), {@code --clients N} (200), {@code --cold N} (5 per round),
 * {@code --contenders a,b} (all), {@code --scenarios q0,q1,rtt,footprint,cold} (all),
 * {@code --out FILE} (markdown report), {@code --classpath FILE} (the module's classpath.txt),
 * {@code --baseline JARS} (another build's umqtt.api and umqtt.simple jars, joined with ':': they
 * run as the contender {@code umqtt-baseline}, for a before/after comparison in one run).
 *
 * <p>Windowed QoS 1 (issue 12), for the contenders that keep a window ({@link #WINDOWED}): scenario
 * {@code wan} sends {@code --wan-count N} (5000) QoS 1 messages through a {@link DelayRelay} adding
 * {@code --wan-delay-ms N} (10) each way, capped at {@code --bandwidth N} bytes/s per direction (0,
 * none), once per window of {@code --windows a,b} (1,10,20,100), and umqtt's blocking publish for
 * reference; scenario {@code qos1-win20} sends {@code --win-count N} (20000) at window 20 over
 * loopback without the relay. {@code --broker-nodelay true} sets Mosquitto's {@code set_tcp_nodelay}
 * (default false, Mosquitto's own default): see BENCHMARKS.md, Run E, for what it changes.
 * {@code --broker-cpu N} runs Mosquitto on CPU N only ({@code taskset}); start the harness on the
 * others ({@code taskset -c 1 umqtt.bench/run harness --broker-cpu 0 ...}) to give the broker a core
 * of its own.
 *
 * <p>{@code umqtt bench} (issue 13): scenarios {@code conn10k} and {@code fanin1000}, see
 * {@link CliScenarios} for what they run and their options.
 */
public final class Harness {

    /** The contenders that implement {@link Windowed}; the windowed scenarios skip the others. */
    static final Set<String> WINDOWED = Set.of("umqtt", "umqtt5", "paho-async", "hivemq-async", "hivemq5-async");

    /** Warm-up messages before the timed part of {@code qos1-win20}, as {@code q1} has. */
    private static final int WARM_UP_LOOPBACK = ContenderMain.WARM_UP / 10;

    private final Map<String, String> options = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Path work;
    private final ClassPaths classPaths;
    final String javaCommand = ProcessHandle.current().info().command().orElse("java");
    private int port;
    private DelayRelay relay;
    private int runs;
    private int round;
    private PrivateMosquitto broker;

    private Harness(String[] args) throws IOException {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs but got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        work = Path.of(opt("work", "umqtt.bench/target/harness"));
        String baseline = opt("baseline", "");
        classPaths = new ClassPaths(Path.of(opt("classpath", "umqtt.bench/target/classpath.txt")),
                baseline.isEmpty() ? List.of() : List.of(baseline.split(java.io.File.pathSeparator)));
    }

    /**
     * Runs the harness.
     *
     * @param args options (see the class comment)
     * @throws Exception when the broker or a contender fails
     */
    public static void main(String[] args) throws Exception {
        new Harness(args).run();
    }

    String opt(String name, String dflt) {
        return options.getOrDefault(name, dflt);
    }

    int intOpt(String name, int dflt) {
        return Integer.parseInt(opt(name, Integer.toString(dflt)));
    }

    private void run() throws Exception {
        int rounds = intOpt("rounds", 3);
        List<String> contenders = new ArrayList<>(List.of(opt("contenders", String.join(",",
                classPaths.available())).split(",")));
        List<String> scenarios = List.of(opt("scenarios", "q0,q1,rtt,footprint,cold").split(","));
        if (scenarios.contains("wan")) {
            notes.add("wan: " + opt("wan-delay-ms", "10") + " ms each way through the relay, bandwidth "
                    + (opt("bandwidth", "0").equals("0") ? "not capped" : opt("bandwidth", "") + " B/s per direction")
                    + ", " + intOpt("wan-count", 5_000) + " QoS 1 messages of " + ContenderMain.PAYLOAD + " B per run");
        }
        for (String c : contenders) {
            results.put(c, new LinkedHashMap<>());
        }
        notes.add("started " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16)
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version"));
        boolean noDelay = Boolean.parseBoolean(opt("broker-nodelay", "false"));
        notes.add("Mosquitto set_tcp_nodelay " + noDelay);
        try (PrivateMosquitto broker = PrivateMosquitto.start(work.resolve("mosquitto"), noDelay,
                opt("broker-cpu", null))) {
            this.broker = broker;
            port = broker.port;
            if (scenarios.contains("wan")) {
                relay = DelayRelay.start(new InetSocketAddress("127.0.0.1", port),
                        Duration.ofMillis(intOpt("wan-delay-ms", 10)), Long.parseLong(opt("bandwidth", "0")));
            }
            for (round = 1; round <= rounds; round++) {
                String load = Files.readString(Path.of("/proc/loadavg")).trim();
                notes.add("round " + round + " load average at start: " + load);
                System.err.println("== round " + round + "/" + rounds + " (load " + load + ")");
                // Rotate the order each round so no contender always runs first (or last) on a busy machine.
                List<String> order = new ArrayList<>(contenders);
                Collections.rotate(order, -(round - 1));
                for (String scenario : scenarios) {
                    for (String c : order) {
                        runScenario(c, scenario);
                    }
                }
                if (!broker.alive()) {
                    throw new IOException("mosquitto died: see " + broker.folder);
                }
            }
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
        String report = Report.render(results, notes, options);
        System.out.println(report);
        Path out = Path.of(opt("out", work.resolve("results.md").toString()));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        StringBuilder tsv = new StringBuilder("contender\tfigure\tvalues\n");
        results.forEach((c, r) -> r.forEach((k, v) -> tsv.append(c).append('\t').append(k).append('\t')
                .append(v.toString().replaceAll("[\\[\\] ]", "")).append('\n')));
        Files.writeString(Path.of(out.toString().replaceAll("\\.md$", "") + ".tsv"), tsv.toString());
        System.err.println("report written to " + out);
    }

    private void runScenario(String contender, String scenario) throws Exception {
        if ((scenario.equals("wan") || scenario.equals("qos1-win20")) && !WINDOWED.contains(contender)) {
            return;
        }
        System.err.println("   " + contender + " " + scenario);
        try {
            switch (scenario) {
                case "q0" -> qos0(contender);
                case "q1" -> record(contender, "q1", child(contender, "q1", intOpt("q1", 20_000), null));
                case "rtt" -> record(contender, "rtt", child(contender, "rtt", intOpt("rtt", 5_000), null));
                case "footprint" -> record(contender, "fp",
                        child(contender, "footprint", intOpt("clients", 200), null));
                case "cold" -> cold(contender);
                case "wan" -> wan(contender);
                case "conn10k" -> new CliScenarios(this).conn10k(contender);
                case "fanin1000" -> new CliScenarios(this).fanin1000(contender);
                case "qos1-win20" -> record(contender, "win20", child(contender, "windowed",
                        intOpt("win-count", 20_000), port, List.of("20", Integer.toString(WARM_UP_LOOPBACK)), null));
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        } catch (IOException | RuntimeException e) {
            String msg = contender + " " + scenario + " failed: " + e.getMessage();
            System.err.println("   " + msg);
            notes.add(msg);
        }
    }

    void record(String contender, String prefix, Map<String, Double> r) {
        Map<String, String> names = Map.of("rate", "rate", "p50Micros", "p50", "p99Micros", "p99",
                "cpuNanosPerMessage", "cpu", "connectAllMillis", "connect", "threadsPerClient", "threads",
                "heapBytesPerClient", "heap", "rssBytesPerClient", "rss");
        r.forEach((k, v) -> {
            String n = names.get(k);
            if (n != null) {
                add(contender, prefix + "." + n, v);
            }
        });
    }

    void add(String contender, String key, double v) {
        results.computeIfAbsent(contender, c -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new ArrayList<>()).add(v);
    }

    private void qos0(String contender) throws Exception {
        int count = intOpt("q0", 200_000);
        try (FixedSubscriber sub = new FixedSubscriber(port, count)) {
            long[] go = new long[1];
            Map<String, Double> r = child(contender, "q0", count, (stdin, line) -> {
                if (line.equals("READY")) {
                    go[0] = System.nanoTime();
                    stdin.write("GO\n".getBytes(StandardCharsets.US_ASCII));
                    stdin.flush();
                } else if (line.equals("SENT")) {
                    try {
                        long last = sub.await(5_000);
                        if (last < 0) {
                            notes.add(contender + " q0: the subscriber got " + sub.received() + " of " + count);
                            add(contender, "q0.lost", count - sub.received());
                        } else {
                            add(contender, "q0.rate", count * 1e9 / (last - go[0]));
                            add(contender, "q0.lost", 0);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                    stdin.write("END\n".getBytes(StandardCharsets.US_ASCII));
                    stdin.flush();
                }
            });
            record(contender, "q0", Map.of("cpuNanosPerMessage", r.get("cpuNanosPerMessage")));
        }
    }

    /** Each window through the relay, then (umqtt only) the blocking publish; each run its own JVM. */
    private void wan(String contender) throws Exception {
        List<String> windows = new ArrayList<>(List.of(opt("windows", "1,10,20,100").split(",")));
        if (contender.equals("umqtt")) {
            windows.add("0");
        }
        for (String w : windows) {
            int window = Integer.parseInt(w.trim());
            String key = "wan." + (window == 0 ? "blocking" : "w" + window) + ".rate";
            System.err.println("     window " + (window == 0 ? "blocking" : w));
            try {
                relay.takeLateness();
                Map<String, Double> r = child(contender, "windowed", intOpt("wan-count", 5_000), relay.port(),
                        List.of(Integer.toString(window), Integer.toString(Math.max(20, 2 * window))), null);
                add(contender, key, r.get("rate"));
                Lateness late = relay.takeLateness(); // warm-up included: the relay cannot tell the parts apart
                add(contender, key.replace(".rate", ".late"), late.meanMillis());
                add(contender, key.replace(".rate", ".lateMax"), late.maxMillis());
            } catch (IOException | RuntimeException e) {
                String msg = contender + " wan window " + (window == 0 ? "blocking" : w) + " failed: " + e.getMessage();
                System.err.println("   " + msg);
                notes.add(msg);
            }
        }
    }

    private void cold(String contender) throws Exception {
        int n = intOpt("cold", 5);
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            child(contender, "cold", 1, null);
            add(contender, "cold", (System.nanoTime() - t0) / 1e6);
        }
    }

    /** Reacts to a line the child printed, with the child's standard input at hand. */
    interface LineHandler {
        void onLine(OutputStream stdin, String line) throws IOException;
    }

    Map<String, Double> child(String contender, String scenario, int count, LineHandler handler)
            throws IOException, InterruptedException {
        return child(contender, scenario, count, port, List.of(), handler);
    }

    Map<String, Double> child(String contender, String scenario, int count, List<String> extra, LineHandler handler)
            throws IOException, InterruptedException {
        return child(contender, scenario, count, port, extra, handler);
    }

    private Map<String, Double> child(String contender, String scenario, int count, int brokerPort,
            List<String> extra, LineHandler handler) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaCommand, "-Xms64m", "-Xmx1g", "-cp", classPaths.of(contender),
                ContenderMain.class.getName(), classPaths.className(contender), scenario, "127.0.0.1",
                Integer.toString(brokerPort), Integer.toString(count)));
        cmd.addAll(extra);
        return run(cmd, contender + "-" + scenario, handler);
    }

    /** Runs {@link CliChild} with {@code umqtt} arguments on the given java, with or without its footprint figures. */
    Map<String, Double> cliChild(String java, boolean footprint, List<String> umqttArgs, LineHandler handler)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx1g", "-Dfootprint=" + footprint, "-cp",
                classPaths.cli(), CliChild.class.getName()));
        cmd.addAll(umqttArgs);
        return run(cmd, "umqtt-bench-" + umqttArgs.get(1), handler);
    }

    /** @return the round under way, from 1 */
    int round() {
        return round;
    }

    /** @return the broker's CPU time so far, in nanoseconds */
    long brokerCpuNanos() throws IOException {
        return broker.cpuNanos();
    }

    int port() {
        return port;
    }

    void note(String note) {
        notes.add(note);
    }

    private Map<String, Double> run(List<String> cmd, String name, LineHandler handler)
            throws IOException, InterruptedException {
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        File err = logs.resolve(name + "-" + (++runs) + ".err").toFile(); // kept per run
        Process p = new ProcessBuilder(cmd).redirectError(err).start();
        Map<String, Double> r = new LinkedHashMap<>();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(intOpt("timeout", 300), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    String[] f = line.split(" ");
                    r.put(f[1], Double.parseDouble(f[2]));
                } else if (handler != null) {
                    handler.onLine(p.getOutputStream(), line);
                }
            }
        }
        int status = p.waitFor();
        if (status != 0) {
            throw new IOException("exit status " + status + " (see " + err + ": "
                    + lastLine(err.toPath()) + ")");
        }
        return r;
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).trim();
            if (l.contains("Exception") || l.contains("Error")) {
                return l;
            }
        }
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        } else if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

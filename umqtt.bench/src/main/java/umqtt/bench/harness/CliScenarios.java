package umqtt.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scenarios of {@code umqtt bench} (issue 13's targets), run by {@link Harness}:
 * <ul>
 * <li>{@code conn10k}: contender {@code umqtt} runs {@code umqtt bench conn -c N} ({@code
 * --conn-clients}, 10000; {@code --conn-interval-ms}, 1; keepalive 30 s) for {@code --conn-seconds}
 * (60) in a {@link CliChild}, once on this JVM (Java 17: platform threads) and once on {@code
 * --java25} (virtual threads; reported as {@code umqtt-java25}): heap, RSS and threads per
 * connection, connect rate, and how many stayed connected to the end. Any other contender but raw
 * (e.g. {@code hivemq-async}) runs the {@code footprint} scenario with the same count. Only in the
 * first {@code --conn10k-rounds} (1) rounds: it takes minutes.
 * <li>{@code fanin1000}: the raw subscriber of the {@code q0} scenario counts what the broker
 * forwards, over a steady {@value #WINDOW_SECONDS} s window; contender {@code raw} publishes flat out
 * from one socket (the broker's ceiling), then from {@code --fanin-clients} sockets in turn (its
 * ceiling when every read brings one message from one of many publishers), contender {@code umqtt} runs {@code umqtt bench pub -c N}
 * ({@code --fanin-clients}, 1000; 2 ms apart) at QoS 0, at each of {@code --fanin-rates} (40,80)
 * messages per second per client (0: flat out), on Java 17 and on {@code --java25}, publishing once all are connected ({@code -w}), to
 * the same topic, for {@code --fanin-seconds} (12); the window starts 1 s after all are connected.
 * Mosquitto's CPU over the window says whether it is the limit. The raw publisher's
 * {@code --fanin-ceiling-count} (600000) must outlast 1 s plus the window.
 * </ul>
 */
final class CliScenarios {

    static final int WINDOW_SECONDS = 5;

    private final Harness harness;

    CliScenarios(Harness harness) {
        this.harness = harness;
    }

    void conn10k(String contender) throws Exception {
        int clients = harness.intOpt("conn-clients", 10_000);
        if (contender.equals("raw") || harness.round() > harness.intOpt("conn10k-rounds", 1)) {
            return; // raw: no library to compare with; later rounds: 10,000 connections take minutes
        }
        checkOpenFiles(clients);
        if (!contender.equals("umqtt")) {
            Map<String, Double> r = harness.child(contender, "footprint", clients, null);
            harness.record(contender, "conn10k", r);
            harness.add(contender, "conn10k.connectRate", clients / (r.get("connectAllMillis") / 1000));
            harness.add(contender, "conn10k.threadsTotal", r.get("threadsTotal"));
            return;
        }
        for (String j : javas()) {
            String label = j.substring(0, j.indexOf('='));
            System.err.println("     " + label);
            Map<String, Double> r = harness.cliChild(j.substring(j.indexOf('=') + 1), true, List.of("bench", "conn",
                    "-c", Integer.toString(clients), "-i", harness.opt("conn-interval-ms", "1"), "-k", "30",
                    "--duration", harness.opt("conn-seconds", "60"), "-h", "127.0.0.1",
                    "-p", Integer.toString(harness.port()), "--json"), null);
            String who = label.equals("java17") ? contender : contender + "-java25";
            r.remove("connectAllMillis"); // the bench's connect rate below says it, from the first connect
            harness.record(who, "conn10k", r);
            harness.add(who, "conn10k.connectRate", r.getOrDefault("connectsPerSecond", -1.0));
            harness.add(who, "conn10k.heldToEnd", r.getOrDefault("connected", -1.0) - r.getOrDefault("lost", 0.0));
            harness.add(who, "conn10k.threadsTotal", r.getOrDefault("threadsTotal", -1.0));
        }
    }

    /** Each connection is a file descriptor in the child and in Mosquitto, which inherit this limit. */
    private static void checkOpenFiles(int clients) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                if (!soft.equals("unlimited") && Long.parseLong(soft) < clients + 512L) {
                    throw new IOException("the open-file limit is " + soft + ", too low for " + clients
                            + " connections: raise it (ulimit -n " + (clients + 1024) + ") before the harness starts");
                }
            }
        }
    }

    void fanin1000(String contender) throws Exception {
        if (contender.equals("raw")) {
            ceiling(contender);
        } else if (contender.equals("umqtt")) {
            benchPub(contender);
        }
    }

    /**
     * What the broker forwards to the one subscriber at most: from one raw publisher flat out, and
     * from {@code --fanin-clients} raw connections written in turn by one thread (one message per
     * read of the broker, as from the bench's clients).
     */
    private void ceiling(String contender) throws Exception {
        int count = harness.intOpt("fanin-ceiling-count", 600_000);
        ceiling(contender, "q0", count, List.of());
        String clients = harness.opt("fanin-clients", "1000");
        ceiling(contender + " × " + clients, "fanin", count, List.of(clients));
    }

    private void ceiling(String who, String scenario, int count, List<String> extra) throws Exception {
        try (FixedSubscriber sub = new FixedSubscriber(harness.port(), count); Sampler s = new Sampler(sub)) {
            long[] go = new long[1];
            harness.child("raw", scenario, count, extra, (stdin, line) -> {
                if (line.equals("READY")) {
                    go[0] = System.nanoTime();
                    s.start();
                    stdin.write("GO\n".getBytes(StandardCharsets.US_ASCII));
                } else if (line.equals("SENT")) {
                    double rate = s.rate(go[0] + 1_000_000_000L, System.nanoTime());
                    harness.add(who, "fanin.rate", rate);
                    harness.add(who, "fanin.brokerCpu", s.brokerCpu);
                    stdin.write("END\n".getBytes(StandardCharsets.US_ASCII)); // no wait for the rest to arrive
                }
                stdin.flush();
            });
        }
    }

    /**
     * {@code umqtt bench pub -c 1000} at QoS 0 to the subscriber's topic, once per rate of {@code
     * --fanin-rates} (messages per second per client; 0 for as fast as the broker takes them),
     * each reported as its own column.
     */
    private void benchPub(String contender) throws Exception {
        for (String j : javas()) {
            String label = j.substring(0, j.indexOf('='));
            for (String rate : harness.opt("fanin-rates", "40,80").split(",")) {
                String who = contender + (label.equals("java17") ? "" : "-" + label)
                        + (rate.equals("0") ? " flat out" : " " + rate + "/s each");
                System.err.println("     " + who);
                try {
                    benchPub(who, j.substring(j.indexOf('=') + 1), rate.trim());
                } catch (IOException e) {
                    harness.note(who + " failed: " + e.getMessage()); // the other rates still run
                }
            }
        }
    }

    /** @return label=command of this JVM (Java 17) and of {@code --java25} when it is there */
    private List<String> javas() {
        List<String> javas = new ArrayList<>(List.of("java17=" + harness.javaCommand));
        String java25 = harness.opt("java25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        if (Files.isExecutable(Path.of(java25))) {
            javas.add("java25=" + java25);
        } else {
            harness.note("no Java 25 at " + java25 + " (--java25 PATH): virtual threads not measured");
        }
        return javas;
    }

    private void benchPub(String who, String java, String rate) throws Exception {
        int clients = harness.intOpt("fanin-clients", 1_000);
        try (FixedSubscriber sub = new FixedSubscriber(harness.port(), Integer.MAX_VALUE); Sampler s = new Sampler(sub)) {
            long[] all = new long[1];
            s.start();
            Map<String, Double> r = harness.cliChild(java, false, List.of("bench", "pub", "-c",
                    Integer.toString(clients), "-i", "2", "-w", rate.equals("0") ? "--interval" : "--rate", rate,
                    "-q", "0", "-s", Integer.toString(ContenderMain.PAYLOAD), "-t", ContenderMain.Q0.name(),
                    "--duration", harness.opt("fanin-seconds", "12"), "-h", "127.0.0.1",
                    "-p", Integer.toString(harness.port()), "--json"), (stdin, line) -> {
                        if (line.equals("ALL_CONNECTED")) {
                            all[0] = System.nanoTime();
                        }
                    });
            long end = System.nanoTime() - 1_500_000_000L; // the child's stop, summary and exit
            if (all[0] == 0) {
                throw new IOException("the bench never had all " + clients + " clients connected");
            }
            harness.add(who, "fanin.rate", s.rate(all[0] + 1_000_000_000L, end));
            harness.add(who, "fanin.brokerCpu", s.brokerCpu);
            harness.add(who, "fanin.benchSent", r.getOrDefault("sentPerSecond", -1.0));
            harness.add(who, "fanin.connected", r.getOrDefault("connected", -1.0));
        }
    }

    /** Samples the subscriber's count every 20 ms, for the rate over a window of steady load. */
    private final class Sampler implements AutoCloseable {
        private final FixedSubscriber sub;
        private final List<long[]> samples = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        Sampler(FixedSubscriber sub) {
            this.sub = sub;
            this.thread = new Thread(this::sample, "sampler");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void sample() {
            while (running) {
                long cpu;
                try {
                    cpu = harness.brokerCpuNanos();
                } catch (IOException e) {
                    cpu = -1;
                }
                synchronized (samples) {
                    samples.add(new long[] {System.nanoTime(), sub.received(), cpu});
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** @return messages per second between the samples nearest to {@code from} and {@code to} ≤ from + window */
        double rate(long from, long to) throws IOException {
            long until = Math.min(to, from + WINDOW_SECONDS * 1_000_000_000L);
            long[] a = null;
            long[] b = null;
            synchronized (samples) {
                for (long[] s : samples) {
                    if (a == null && s[0] >= from) {
                        a = s;
                    }
                    if (s[0] <= until) {
                        b = s;
                    }
                }
            }
            if (a == null || b == null || b[0] - a[0] < 500_000_000L) {
                throw new IOException("no steady window of 0.5 s or more to measure the rate in");
            }
            brokerCpu = (double) (b[2] - a[2]) / (b[0] - a[0]);
            return (b[1] - a[1]) * 1e9 / (b[0] - a[0]);
        }

        /** The broker's CPU over the last {@link #rate} window, in cores (1.0: one core all the time). */
        double brokerCpu;

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}

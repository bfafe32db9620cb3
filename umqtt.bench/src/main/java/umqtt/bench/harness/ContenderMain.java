package umqtt.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The child JVM: runs one scenario for one contender and prints {@code RESULT name value} lines.
 * The harness starts it with only that contender's jars on the class path.
 *
 * <p>Usage: {@code ContenderMain CONTENDER SCENARIO HOST PORT COUNT [WINDOW WARMUP]}, scenarios
 * {@code q0}, {@code q1}, {@code rtt}, {@code footprint}, {@code cold}, {@code windowed} (QoS 1
 * through a {@link Windowed} publisher keeping WINDOW in flight, or with the blocking publish when
 * WINDOW is 0, after WARMUP messages that are not timed). In {@code q0} it prints {@code READY},
 * waits for {@code GO} on standard input, publishes, then waits for {@code END} (the harness's
 * subscriber has seen every message) before it reports its CPU time and disconnects.
 */
public final class ContenderMain {

    static final Topic Q0 = Topic.of("bench/q0");
    static final Topic Q0_WARM = Topic.of("bench/q0-warm");
    static final Topic Q1 = Topic.of("bench/q1");
    static final Topic COLD = Topic.of("bench/cold");
    static final Topic WINDOWED = Topic.of("bench/windowed");
    static final int PAYLOAD = 64;
    static final int WARM_UP = 20_000;
    static final int RTT_WARM_UP = 1_000;

    private ContenderMain() {
    }

    /**
     * Runs a scenario.
     *
     * @param args contender, scenario, host, port, count
     * @throws Exception when the scenario fails (the harness reports the exit status)
     */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1); // a contender's own threads must not keep a failed run alive
        }
        System.out.flush();
        System.exit(0); // some contenders leave non-daemon threads behind after disconnect
    }

    private static void run(String[] args) throws Exception {
        Contender contender = (Contender) Class.forName("umqtt.bench.harness.contenders." + args[0])
                .getDeclaredConstructor().newInstance();
        String scenario = args[1];
        String host = args[2];
        int port = Integer.parseInt(args[3]);
        int count = Integer.parseInt(args[4]);
        String id = "bench-" + args[0] + "-" + ProcessHandle.current().pid();
        switch (scenario) {
            case "cold" -> cold(contender, host, port, id);
            case "q0" -> qos0(contender.create(host, port, id), count);
            case "q1" -> qos1(contender.create(host, port, id), count);
            case "rtt" -> roundTrip(contender.create(host, port, id), count);
            case "footprint" -> footprint(contender, host, port, id, count);
            case "fanin" -> fanIn(contender, host, port, id, count, Integer.parseInt(args[5]));
            case "windowed" -> windowed(contender, host, port, id, count, Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    private static void cold(Contender contender, String host, int port, String id) throws Exception {
        Client c = contender.create(host, port, id);
        c.connect();
        c.publish(COLD, new byte[PAYLOAD], 1);
        c.disconnect();
    }

    private static void qos0(Client c, int count) throws Exception {
        byte[] payload = new byte[PAYLOAD];
        c.connect();
        for (int i = 0; i < WARM_UP; i++) {
            c.publish(Q0_WARM, payload, 0);
        }
        c.drain();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        System.out.println("READY");
        System.out.flush();
        await(stdin, "GO");
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            c.publish(Q0, payload, 0);
        }
        c.drain();
        long sent = System.nanoTime() - t0;
        System.out.println("SENT");
        System.out.flush();
        await(stdin, "END");
        long cpu = cpuNanos() - cpu0;
        result("sendNanos", sent);
        result("cpuNanosPerMessage", (double) cpu / count);
        c.disconnect();
    }

    private static void qos1(Client c, int count) throws Exception {
        byte[] payload = new byte[PAYLOAD];
        c.connect();
        for (int i = 0; i < WARM_UP / 10; i++) {
            c.publish(Q1, payload, 1);
        }
        long[] nanos = new long[count];
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long s = System.nanoTime();
            c.publish(Q1, payload, 1);
            nanos[i] = System.nanoTime() - s;
        }
        long total = System.nanoTime() - t0;
        long cpu = cpuNanos() - cpu0;
        result("rate", count * 1e9 / total);
        percentiles(nanos);
        result("cpuNanosPerMessage", (double) cpu / count);
        c.disconnect();
    }

    private static void windowed(Contender contender, String host, int port, String id, int count, int window,
            int warmUp) throws Exception {
        byte[] payload = new byte[PAYLOAD];
        if (window == 0) {
            Client c = contender.create(host, port, id);
            c.connect();
            for (int i = 0; i < warmUp; i++) {
                c.publish(WINDOWED, payload, 1);
            }
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                c.publish(WINDOWED, payload, 1);
            }
            long total = System.nanoTime() - t0;
            result("rate", count * 1e9 / total);
            result("cpuNanosPerMessage", (double) (cpuNanos() - cpu0) / count);
            c.disconnect();
            return;
        }
        Windowed.Publisher p = ((Windowed) contender).createWindowed(host, port, id, window);
        p.connect();
        for (int i = 0; i < warmUp; i++) {
            p.send(WINDOWED, payload);
        }
        p.flush();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            p.send(WINDOWED, payload);
        }
        p.flush();
        long total = System.nanoTime() - t0;
        result("rate", count * 1e9 / total);
        result("cpuNanosPerMessage", (double) (cpuNanos() - cpu0) / count);
        p.disconnect();
    }

    private static void roundTrip(Client c, int count) throws Exception {
        byte[] payload = new byte[PAYLOAD];
        Topic topic = Topic.of("bench/rtt/" + ProcessHandle.current().pid());
        c.connect();
        c.subscribe(topic);
        for (int i = 0; i < RTT_WARM_UP; i++) {
            c.roundTrip(topic, payload);
        }
        long[] nanos = new long[count];
        long cpu0 = cpuNanos();
        for (int i = 0; i < count; i++) {
            long s = System.nanoTime();
            c.roundTrip(topic, payload);
            nanos[i] = System.nanoTime() - s;
        }
        long cpu = cpuNanos() - cpu0;
        percentiles(nanos);
        result("cpuNanosPerMessage", (double) cpu / count);
        c.disconnect();
    }

    /**
     * {@code clients} connections publishing {@code count} QoS 0 messages in all from this one thread,
     * one message per connection in turn: what the broker forwards when each of its reads brings one
     * message from one of many publishers (umqtt bench's fan-in), at the lowest cost a client can have.
     */
    private static void fanIn(Contender contender, String host, int port, String id, int count, int clients)
            throws Exception {
        byte[] payload = new byte[PAYLOAD];
        Client[] all = new Client[clients];
        for (int i = 0; i < clients; i++) {
            all[i] = contender.create(host, port, id + "-" + i);
            all[i].connect();
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        System.out.println("READY");
        System.out.flush();
        await(stdin, "GO");
        for (int i = 0; i < count; i++) {
            all[i % clients].publish(Q0, payload, 0);
        }
        System.out.println("SENT");
        System.out.flush();
        await(stdin, "END");
        for (Client c : all) {
            c.disconnect();
        }
    }

    private static void footprint(Contender contender, String host, int port, String id, int count)
            throws Exception {
        // One client first, so class loading and one-off pools are not charged per client.
        Client first = contender.create(host, port, id + "-0");
        first.connect();
        first.publish(Q1, new byte[PAYLOAD], 1);
        long heap0 = Footprint.retainedHeap();
        long rss0 = Footprint.rssBytes();
        int threads0 = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Client> clients = new ArrayList<>(count);
        long t0 = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            Client c = contender.create(host, port, id + "-" + i);
            c.connect();
            clients.add(c);
        }
        long connectAll = System.nanoTime() - t0;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long heap = Footprint.retainedHeap();
        long rss = Footprint.rssBytes();
        result("connectAllMillis", connectAll / 1e6);
        result("threadsPerClient", (double) (threads - threads0) / count);
        result("heapBytesPerClient", (double) (heap - heap0) / count);
        result("rssBytesPerClient", (double) (rss - rss0) / count);
        result("threadsTotal", threads);
        for (Client c : clients) {
            c.disconnect();
        }
        first.disconnect();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        result("p50Micros", sorted[(sorted.length - 1) / 2] / 1e3);
        result("p99Micros", sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e3);
    }

    private static void await(BufferedReader in, String word) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().equals(word)) {
                return;
            }
        }
        throw new IOException("the harness closed standard input before " + word);
    }

    private static void result(String name, double value) {
        System.out.println("RESULT " + name + " " + value);
    }
}

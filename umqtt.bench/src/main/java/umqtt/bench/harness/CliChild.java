package umqtt.bench.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import umqtt.cli.Main;

/**
 * The child JVM of the {@code conn10k} and {@code fanin1000} scenarios: runs {@code umqtt bench}
 * in this JVM (as {@code bin/umqtt bench} would, with the live line on), watches the line for
 * "connected N/N", and then measures what holding the N clients costs: live heap after GC, RSS and
 * kernel threads, each above the same JVM after a one-client warm-up run. Prints {@code
 * ALL_CONNECTED} at that moment, the bench's JSON summary's figures as {@code RESULT} lines at the
 * end.
 *
 * <p>Usage: {@code CliChild bench conn|pub ... --json} (the {@code umqtt} arguments).
 */
public final class CliChild {

    private static final Pattern CONNECTED = Pattern.compile("connected ([0-9,]+)/([0-9,]+)");
    private static final Pattern JSON_NUMBER = Pattern.compile("\"(\\w+)\":(-?[0-9.]+)");

    private CliChild() {
    }

    /**
     * @param args the {@code umqtt} arguments, starting with {@code bench}
     * @throws Exception when the bench fails
     */
    public static void main(String[] args) throws Exception {
        warmUp(args);
        long heap0 = Footprint.retainedHeap();
        long rss0 = Footprint.rssBytes();
        long threads0 = Footprint.kernelThreads();
        int clients = Integer.parseInt(args[Arrays.asList(args).indexOf("-c") + 1]);
        AtomicInteger connected = new AtomicInteger();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new LineWatcher(line -> {
            Matcher m = CONNECTED.matcher(line);
            while (m.find()) {
                connected.set(Integer.parseInt(m.group(1).replace(",", "")));
            }
            synchronized (connected) {
                connected.notifyAll(); // a new live line: the main thread looks at the count
            }
        }), true, StandardCharsets.UTF_8);
        int[] status = new int[1];
        Thread bench = new Thread(() -> {
            try {
                status[0] = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), err,
                        InputStream.nullInputStream(), true, false);
            } finally {
                synchronized (connected) {
                    connected.notifyAll(); // the bench ended, whatever the count
                }
            }
        }, "bench");
        long t0 = System.nanoTime();
        bench.start();
        synchronized (connected) {
            while (bench.isAlive() && connected.get() < clients) {
                connected.wait();
            }
        }
        if (connected.get() >= clients) {
            System.out.println("ALL_CONNECTED");
            System.out.flush();
            result("allConnectedMillis", (System.nanoTime() - t0) / 1e6);
        }
        if (connected.get() >= clients && Boolean.parseBoolean(System.getProperty("footprint", "true"))) {
            long heap = Footprint.retainedHeap();
            result("heapBytesPerClient", (double) (heap - heap0) / clients);
            result("rssBytesPerClient", (double) (Footprint.rssBytes() - rss0) / clients);
            result("threadsPerClient", (double) (Footprint.kernelThreads() - threads0) / clients);
            result("threadsTotal", Footprint.kernelThreads());
            result("rssMegabytes", Footprint.rssBytes() / 1e6);
        }
        bench.join();
        String json = out.toString(StandardCharsets.UTF_8);
        System.err.println(json);
        Matcher m = JSON_NUMBER.matcher(json);
        while (m.find()) {
            result(m.group(1), Double.parseDouble(m.group(2)));
        }
        result("status", status[0]);
        System.out.flush();
        System.exit(0);
    }

    /** One short run with one client, so class loading and one-off pools are not charged per client. */
    private static void warmUp(String[] args) {
        String[] one = args.clone();
        for (int i = 0; i + 1 < one.length; i++) {
            if (one[i].equals("-c")) {
                one[i + 1] = "1";
            } else if (one[i].equals("--duration")) {
                one[i + 1] = "1";
            }
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Main.run(one, quiet, quiet, InputStream.nullInputStream(), true, false);
    }

    private static void result(String name, double value) {
        System.out.println("RESULT " + name + " " + value);
    }

    /** Hands each line (ended by a newline or the progress line's carriage return) to a consumer. */
    private static final class LineWatcher extends OutputStream {
        private final java.util.function.Consumer<String> consumer;
        private final StringBuilder line = new StringBuilder();

        LineWatcher(java.util.function.Consumer<String> consumer) {
            this.consumer = consumer;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\r' || b == '\n') {
                if (line.length() > 0) {
                    consumer.accept(line.toString());
                    line.setLength(0);
                }
            } else {
                line.append((char) b);
            }
        }
    }
}

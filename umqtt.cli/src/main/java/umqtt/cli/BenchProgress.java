package umqtt.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Once a second: moves the recorded latencies into the run's totals and, when standard error is a
 * terminal, redraws the live line (connected, failed, messages per second out and in, latency p50
 * and p99 over the last second). Runs on one platform daemon thread.
 */
final class BenchProgress implements Runnable {

    private static final long TICK_MILLIS = 1000;

    private final BenchStats stats;
    private final int clients;
    private final boolean sub;
    private final PrintStream err;
    private final boolean draw;
    private volatile boolean running = true;
    private Thread thread;
    private boolean drawn;

    BenchProgress(BenchStats stats, int clients, boolean sub, Io io) {
        this.stats = stats;
        this.clients = clients;
        this.sub = sub;
        this.err = io.err();
        this.draw = io.progress();
    }

    void start() {
        thread = new Thread(this, "umqtt-bench-progress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        long lastSent = 0;
        long lastReceived = 0;
        long last = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            stats.interval();
            long now = System.nanoTime();
            long sent = stats.sent.sum();
            long received = stats.received.sum();
            double seconds = Math.max(1e-9, (now - last) / 1e9);
            if (draw && running) {
                line((sent - lastSent) / seconds, (received - lastReceived) / seconds);
            }
            lastSent = sent;
            lastReceived = received;
            last = now;
        }
    }

    private synchronized void line(double out, double in) {
        Histogram h = stats.lastLatencies();
        String latency = h.getTotalCount() == 0 ? "" : String.format(Locale.ROOT, " | latency p50 %s p99 %s",
                BenchReport.millis(h.getValueAtPercentile(50)), BenchReport.millis(h.getValueAtPercentile(99)));
        err.print(String.format(Locale.ROOT, "\rconnected %,d/%,d%s failed %,d lost %,d | out %,.0f/s in %,.0f/s%s   ",
                stats.connected.sum() - stats.disconnected.sum(), clients, sub ? String.format(Locale.ROOT,
                        " subscribed %,d/%,d", stats.subscribed.sum(), clients) : "", stats.failed.sum(),
                stats.disconnected.sum(), out, in, latency));
        err.flush();
        drawn = true;
    }

    /** Stops the ticks, takes the last interval into the totals, and ends the line if one was drawn. */
    synchronized void finish() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        stats.interval();
        if (drawn) {
            err.print('\n');
            err.flush();
            drawn = false;
        }
    }
}

package umqtt.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code umqtt bench conn|pub|sub}: starts the clients one connect interval apart, each on its
 * own thread ({@link BenchThreads}), waits for the end (every client done, {@code --duration}, or
 * Ctrl-C), stops them, and prints the summary once.
 */
final class BenchCommand {

    /** How long publishers may take to finish by themselves once told to stop, before they are closed. */
    private static final long STOP_GRACE_MILLIS = 2_000;

    private final BenchOptions options;
    private final Io io;
    private final BenchStats stats = new BenchStats();
    private final BenchClient[] clients;
    private final CountDownLatch done;
    /** Counted down as each client's connect ends (or it is never started): {@code -w} waits for zero. */
    private final CountDownLatch connects;
    private final BenchProgress progress;
    private final AtomicBoolean reported = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile long start;

    private BenchCommand(BenchOptions options, Io io) {
        this.options = options;
        this.io = io;
        this.clients = new BenchClient[options.clients];
        this.done = new CountDownLatch(options.clients);
        this.connects = new CountDownLatch(options.clients);
        this.progress = new BenchProgress(stats, options.clients, options.mode == BenchOptions.Mode.SUB, io);
    }

    /**
     * Runs {@code bench} with the words after it.
     *
     * @return the exit status
     */
    static int run(String[] args, Io io) throws UsageException {
        BenchOptions options = BenchOptions.parse(args, io);
        if (options == null) {
            return Main.OK;
        }
        return new BenchCommand(options, io).run();
    }

    private int run() {
        Thread hook = new Thread(this::interrupted, "umqtt-bench-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            start = System.nanoTime();
            progress.start();
            launch();
            awaitEnd();
            stop();
            report();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running
            }
        }
        boolean allWell = stats.connected.sum() == options.clients && stats.disconnected.sum() == 0
                && stats.failed.sum() == 0;
        return allWell ? Main.OK : Main.FAILED;
    }

    /** Builds and starts each client at its time: start + index × interval. */
    private void launch() {
        java.util.function.Function<String, umqtt.api.MqttClient> make = options.connect.clients();
        long end = options.durationNanos == 0 ? Long.MAX_VALUE : start + options.durationNanos;
        for (int i = 0; i < clients.length && !stopped && (end == Long.MAX_VALUE || System.nanoTime() - end < 0); i++) {
            long due = start + i * options.connectIntervalNanos;
            for (long left = due - System.nanoTime(); left > 0 && !stopped; left = due - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            int index = i + 1;
            umqtt.api.MqttClient client = make.apply(options.clientId(index));
            options.connect.applyWill(client);
            clients[i] = new BenchClient(options, stats, client, index, connects, done);
            BenchThreads.create("umqtt-bench-" + index, clients[i]).start();
        }
        for (int i = 0; i < clients.length; i++) {
            if (clients[i] == null) {
                done.countDown(); // never started (the end came during the launch)
                connects.countDown();
            }
        }
    }

    /** Waits until every client is done, or the duration is over. */
    private void awaitEnd() {
        long end = options.durationNanos == 0 ? Long.MAX_VALUE : start + options.durationNanos;
        try {
            while (!stopped && done.getCount() > 0) {
                long left = end == Long.MAX_VALUE ? 100_000_000L : Math.min(100_000_000L, end - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                done.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells every client to stop; closes those that do not finish within the grace period. */
    private void stop() {
        stopped = true;
        for (BenchClient c : clients) {
            if (c != null) {
                c.stop();
            }
        }
        try {
            if (!done.await(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                for (BenchClient c : clients) {
                    if (c != null) {
                        c.close();
                    }
                }
                done.await(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ctrl-C: stop and print the summary, unless the run is printing it already; bounded in time. */
    private void interrupted() {
        if (!reported.get()) {
            stopped = true;
            stop();
            report();
        }
        try {
            finished.await(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report() {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        progress.finish();
        long nanos = System.nanoTime() - start;
        long last = stats.lastConnected.get();
        long connecting = last == Long.MIN_VALUE ? nanos : last - start;
        io.out().print(options.json ? BenchReport.json(options, stats, nanos, connecting)
                : BenchReport.text(options, stats, nanos, connecting));
        io.out().flush();
    }
}

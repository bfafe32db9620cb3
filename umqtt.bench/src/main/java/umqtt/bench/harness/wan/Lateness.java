package umqtt.bench.harness.wan;

/**
 * How late the relay delivered its chunks (the time a writer thread woke after a chunk's due time,
 * which a busy machine's scheduler decides): the part of the measured round trip the relay added
 * beyond the configured delay.
 *
 * @param chunks how many chunks were delivered
 * @param meanMillis the mean lateness
 * @param maxMillis the largest lateness
 */
public record Lateness(long chunks, double meanMillis, double maxMillis) {

    /** Sums lateness from every writer thread; {@link #take} reads and resets it. */
    static final class Meter {
        private long chunks;
        private long sumNanos;
        private long maxNanos;

        synchronized void add(long lateNanos) {
            chunks++;
            sumNanos += lateNanos;
            maxNanos = Math.max(maxNanos, lateNanos);
        }

        synchronized Lateness take() {
            Lateness l = new Lateness(chunks, chunks == 0 ? 0 : sumNanos / 1e6 / chunks, maxNanos / 1e6);
            chunks = 0;
            sumNanos = 0;
            maxNanos = 0;
            return l;
        }
    }
}

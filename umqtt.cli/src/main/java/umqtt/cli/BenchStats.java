package umqtt.cli;

import java.time.Instant;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters and latency histograms of a run, written by every client's thread at once: the
 * counters are {@link LongAdder}s and the histograms HdrHistogram {@link Recorder}s, which take
 * values from many threads without a lock. One reader ({@link #interval}, serialised here) moves
 * what was recorded since its last call into the run's totals.
 */
final class BenchStats {

    /** Latencies are recorded in microseconds, up to an hour; longer ones are not ours (another clock). */
    private static final long HIGHEST_MICROS = 3_600_000_000L;
    /** Percentiles exact to 3 digits; the histograms grow with the largest value seen (a few KB under a second). */
    private static final int DIGITS = 3;

    /** The clock the send timestamp uses: epoch microseconds, so two processes agree. */
    private static final long EPOCH_MICROS_AT_START = epochMicrosNow();
    private static final long NANOS_AT_START = System.nanoTime();

    final LongAdder connected = new LongAdder();
    /** When the latest connect completed, on {@link System#nanoTime()}'s scale; Long.MIN_VALUE before any. */
    final LongAccumulator lastConnected = new LongAccumulator(Long::max, Long.MIN_VALUE);
    final LongAdder failed = new LongAdder();
    /** sub: clients whose subscription the broker granted. */
    final LongAdder subscribed = new LongAdder();
    final LongAdder disconnected = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    /** Messages shorter than the 8-byte timestamp, or with a time from the future: counted, not timed. */
    final LongAdder untimed = new LongAdder();
    final BenchErrors errors = new BenchErrors();
    private final Recorder latency = new Recorder(DIGITS);
    private final Recorder connectTime = new Recorder(DIGITS);
    private final Histogram latencyTotal = new Histogram(DIGITS);
    private final Histogram connectTotal = new Histogram(DIGITS);
    private Histogram latencyInterval;
    private Histogram connectInterval;

    /** @return now in microseconds since the epoch, from the monotonic clock (no jumps in a run) */
    static long epochMicros() {
        return EPOCH_MICROS_AT_START + (System.nanoTime() - NANOS_AT_START) / 1000;
    }

    private static long epochMicrosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** Counts a connected client and how long its connect took. */
    void connected(long nanos) {
        connected.increment();
        lastConnected.accumulate(System.nanoTime());
        connectTime.recordValue(Math.min(HIGHEST_MICROS, nanos / 1000));
    }

    /**
     * Counts a message received, timing it by the send time at the start of its payload.
     *
     * @param payload the payload, its first 8 bytes the send time in epoch microseconds (big-endian)
     */
    void received(byte[] payload) {
        received.increment();
        if (payload.length < BenchOptions.TIMESTAMP_BYTES) {
            untimed.increment();
            return;
        }
        long sentAt = 0;
        for (int i = 0; i < BenchOptions.TIMESTAMP_BYTES; i++) {
            sentAt = sentAt << 8 | payload[i] & 0xFF;
        }
        long micros = epochMicros() - sentAt;
        if (micros < 0 || micros > HIGHEST_MICROS) {
            untimed.increment(); // another machine's clock, or a payload that is not ours
        } else {
            latency.recordValue(micros);
        }
    }

    /** Writes the send time into the first 8 bytes of {@code payload}. */
    static void stamp(byte[] payload) {
        long now = epochMicros();
        for (int i = BenchOptions.TIMESTAMP_BYTES - 1; i >= 0; i--) {
            payload[i] = (byte) now;
            now >>>= 8;
        }
    }

    /** Moves what was recorded since the last call into the totals; the last interval stays readable. */
    synchronized void interval() {
        latencyInterval = latency.getIntervalHistogram(latencyInterval);
        connectInterval = connectTime.getIntervalHistogram(connectInterval);
        latencyTotal.add(latencyInterval);
        connectTotal.add(connectInterval);
    }

    /** @return a copy of the latencies recorded since the last {@link #interval()} but one */
    synchronized Histogram lastLatencies() {
        return latencyInterval == null ? new Histogram(DIGITS) : latencyInterval.copy();
    }

    /** @return a copy of every latency recorded up to the last {@link #interval()}, in microseconds */
    synchronized Histogram latencies() {
        return latencyTotal.copy();
    }

    /** @return a copy of every connect time recorded up to the last {@link #interval()}, in microseconds */
    synchronized Histogram connectTimes() {
        return connectTotal.copy();
    }
}

package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import umqtt.robust.BackoffStrategy;
import umqtt.robust.RobustClient;

/**
 * RobustClient's backoff, deadline and attempt limits on a virtual clock: every pause is exact
 * (in nanoseconds of virtual time) and nothing sleeps.
 */
class BackoffOnVirtualClockTest {

    private static final long MS = 1_000_000;

    /** Jitter pinned to the middle: each pause is exactly half its bound. */
    private static final RandomGenerator HALF = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only nextDouble is used");
        }

        @Override
        public double nextDouble() {
            return 0.5;
        }
    };

    private static ConnectException down() {
        return new ConnectException("connection refused");
    }

    private static List<Long> gaps(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(times.get(i) - times.get(i - 1));
        }
        return gaps;
    }

    @Test
    void exponentialPausesDoubleUpToTheCapExactly() throws IOException {
        VirtualTimeSource clock = new VirtualTimeSource();
        FakeClient a = new FakeClient("a").clock(clock).failConnect(down(), down(), down(), down(), down());
        RobustClient c = RobustClient.builder().timeSource(clock)
                .backoff(BackoffStrategy.exponential(Duration.ofMillis(20), Duration.ofMillis(80), HALF))
                .logger(new RecordingLogger()).wrap(a);
        c.connect(false);
        // Bounds 20, 40, 80, 80, 80 ms; half of each.
        List<Long> expected = List.of(10 * MS, 20 * MS, 40 * MS, 40 * MS, 40 * MS);
        assertEquals(expected, clock.waitsNanos(), "the pauses asked of the clock");
        assertEquals(expected, gaps(a.connectTimes), "the time between attempts");
        assertEquals(150 * MS, clock.elapsedNanos());
    }

    @Test
    void seededJitterGivesExactlyThePausesTheSeedDraws() throws IOException {
        VirtualTimeSource clock = new VirtualTimeSource();
        FakeClient a = new FakeClient("a").clock(clock).failConnect(down(), down(), down(), down(), down(), down());
        RobustClient c = RobustClient.builder().timeSource(clock)
                .backoff(BackoffStrategy.exponential(Duration.ofMillis(100), Duration.ofSeconds(1),
                        new SplittableRandom(42)))
                .logger(new RecordingLogger()).wrap(a);
        c.connect(false);
        SplittableRandom replay = new SplittableRandom(42);
        long[] bounds = {100 * MS, 200 * MS, 400 * MS, 800 * MS, 1000 * MS, 1000 * MS};
        List<Long> expected = new ArrayList<>();
        for (long bound : bounds) {
            expected.add((long) (replay.nextDouble() * bound));
        }
        assertEquals(expected, clock.waitsNanos());
        assertEquals(expected, gaps(a.connectTimes));
    }

    @Test
    void maxAttemptsStopsAfterThatManyAttemptsAndThreePauses() {
        VirtualTimeSource clock = new VirtualTimeSource();
        ConnectException last = new ConnectException("the fourth");
        FakeClient a = new FakeClient("a").clock(clock).failConnect(down(), down(), down()).failConnectAlways(last);
        RobustClient c = RobustClient.builder().timeSource(clock)
                .backoff(BackoffStrategy.exponential(Duration.ofMillis(20), Duration.ofSeconds(30), HALF))
                .maxAttempts(4).logger(new RecordingLogger()).wrap(a);
        assertSame(last, assertThrows(ConnectException.class, () -> c.connect(false)));
        assertEquals(4, a.count("connect(false)"));
        assertEquals(List.of(10 * MS, 20 * MS, 40 * MS), clock.waitsNanos());
        assertEquals(70 * MS, clock.elapsedNanos());
    }

    @Test
    void aDeadlineOnAMultipleOfThePauseAllowsAnAttemptAtTheDeadlineItself() {
        VirtualTimeSource clock = new VirtualTimeSource();
        FakeClient a = new FakeClient("a").clock(clock).failConnectAlways(down());
        RobustClient c = RobustClient.builder().timeSource(clock).backoff(BackoffStrategy.fixed(Duration.ofMillis(20)))
                .deadline(Duration.ofMillis(200)).logger(new RecordingLogger()).wrap(a);
        assertThrows(ConnectException.class, () -> c.connect(false));
        assertEquals(11, a.count("connect(false)"), "attempts at 0, 20, ... 200 ms");
        assertEquals(200 * MS, clock.elapsedNanos());
    }

    @Test
    void noPauseIsTakenThatWouldEndPastTheDeadline() {
        VirtualTimeSource clock = new VirtualTimeSource();
        FakeClient a = new FakeClient("a").clock(clock).failConnectAlways(down());
        RobustClient c = RobustClient.builder().timeSource(clock).backoff(BackoffStrategy.fixed(Duration.ofMillis(30)))
                .deadline(Duration.ofMillis(100)).logger(new RecordingLogger()).wrap(a);
        assertThrows(ConnectException.class, () -> c.connect(false));
        assertEquals(4, a.count("connect(false)"), "attempts at 0, 30, 60, 90 ms; a fifth at 120 ms would be late");
        assertEquals(90 * MS, clock.elapsedNanos(), "gave up at once instead of waiting");
    }

    @Test
    void theDeadlineOfAnOperationCountsFromItsFirstFailureIncludingTheTimeAttemptsTake() throws IOException {
        VirtualTimeSource clock = new VirtualTimeSource();
        FakeClient a = new FakeClient("a").clock(clock);
        RobustClient c = RobustClient.builder().timeSource(clock).backoff(BackoffStrategy.fixed(Duration.ofMillis(10)))
                .deadline(Duration.ofMillis(100)).logger(new RecordingLogger()).wrap(a);
        c.connect(false);
        clock.advance(Duration.ofSeconds(60)); // time before the operation does not count
        a.connectsTake(Duration.ofMillis(15)).failOperations(new java.net.SocketException("reset"))
                .failConnectAlways(down());
        long start = clock.elapsedNanos();
        assertThrows(ConnectException.class, c::ping);
        // The ping fails at 0 on a link that worked for a minute: the first reconnect is immediate.
        // Reconnects at 0 (fails at 15), 25 (40), 50 (65), 75 (90), 100 (115): none starts after 100.
        assertEquals(5, a.count("connect(false)") - 1);
        assertEquals(115 * MS, clock.elapsedNanos() - start);
        assertEquals(List.of(10 * MS, 10 * MS, 10 * MS, 10 * MS), clock.waitsNanos());
    }
}

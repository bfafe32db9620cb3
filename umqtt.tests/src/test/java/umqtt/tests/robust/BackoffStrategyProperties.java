package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import umqtt.robust.BackoffStrategy;

/** Exponential backoff with full jitter: every pause lies in [0, min(max, initial * 2^(attempt-1))]. */
class BackoffStrategyProperties {

    private static long bound(long initial, long max, int attempt) {
        double b = initial * Math.pow(2, attempt - 1);
        return b >= max ? max : (long) b;
    }

    @Test
    void everyPauseLiesBetweenZeroAndTheCappedExponentialBound() {
        qt().withExamples(2000)
                .forAll(longs().between(1, 10_000), longs().between(0, 1_000_000), integers().between(1, 200),
                        longs().all())
                .checkAssert((initialMs, extraMs, attempt, seed) -> {
                    Duration initial = Duration.ofMillis(initialMs);
                    Duration max = Duration.ofMillis(initialMs + extraMs);
                    Duration d = BackoffStrategy.exponential(initial, max, new SplittableRandom(seed)).delay(attempt);
                    long bound = bound(initial.toNanos(), max.toNanos(), attempt);
                    assertTrue(!d.isNegative() && d.toNanos() <= bound,
                            "attempt " + attempt + ": " + d + " outside [0, " + Duration.ofNanos(bound) + "]");
                });
    }

    @Test
    void atTheUpperJitterThePausesDoubleUntilTheCap() {
        BackoffStrategy upper = BackoffStrategy.exponential(Duration.ofMillis(100), Duration.ofSeconds(30), () -> -1L);
        long[] expectedMs = {100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000};
        for (int i = 0; i < expectedMs.length; i++) {
            assertEquals(expectedMs[i], upper.delay(i + 1).toMillis() + 1, "attempt " + (i + 1));
        }
        assertEquals(29_999, upper.delay(Integer.MAX_VALUE).toMillis(), "no overflow at huge attempt numbers");
    }

    @Test
    void theJitterSpreadsThePauses() {
        BackoffStrategy b = BackoffStrategy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1),
                new SplittableRandom(7));
        long below = 0;
        for (int i = 0; i < 1000; i++) {
            below += b.delay(5).toMillis() < 500 ? 1 : 0;
        }
        assertTrue(below > 350 && below < 650, below + " of 1000 pauses were in the lower half");
    }

    @Test
    void fixedIsTheOriginalsDelay() {
        assertEquals(Duration.ofSeconds(2), BackoffStrategy.fixed(Duration.ofSeconds(2)).delay(17));
        assertThrows(IllegalArgumentException.class, () -> BackoffStrategy.fixed(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> BackoffStrategy.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> BackoffStrategy.exponential(Duration.ZERO, Duration.ofSeconds(1)));
    }
}

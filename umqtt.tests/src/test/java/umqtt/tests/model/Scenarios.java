package umqtt.tests.model;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import org.quicktheories.core.Gen;

/**
 * Generators of {@link Scenario}s. Every choice is drawn from plain integers, so QuickTheories
 * shrinks a failing scenario towards fewer, shorter, simpler operations.
 */
final class Scenarios {

    private static final int[] KEEPALIVES = {0, 60, 2, 4, 10, 1};
    private static final long[] RESPONSE_TIMEOUTS = {30_000, 10_000, 2_000, 500};
    /** maxInFlight: the default, and small windows that fill often. */
    private static final int[] WINDOWS = {20, 1, 2, 3};

    private Scenarios() {
    }

    /** @return scenarios of 1 to {@code maxOps} operations */
    static Gen<Scenario> scenarios(int maxOps) {
        Gen<Integer> keepAlive = integers().between(0, KEEPALIVES.length - 1).map(i -> KEEPALIVES[i]);
        Gen<Long> responseTimeout = integers().between(0, RESPONSE_TIMEOUTS.length - 1).map(i -> RESPONSE_TIMEOUTS[i]);
        Gen<Integer> window = integers().between(0, WINDOWS.length - 1).map(i -> WINDOWS[i]);
        return keepAlive.zip(responseTimeout, window, (k, rt, w) -> new Scenario(k, rt, w, java.util.List.of()))
                .flatMap(settings -> lists().of(op(settings)).ofSizeBetween(1, maxOps).map(settings::withOps));
    }

    /** One operation, from a kind (weighted) and two numbers that shape it. */
    private static Gen<Op> op(Scenario settings) {
        return integers().between(0, 114).zip(integers().between(0, 1_000_000), integers().between(0, 999),
                (kind, a, b) -> op(settings, kind, a, b));
    }

    private static Op op(Scenario s, int kind, int a, int b) {
        long healthy = s.healthyDelayMs();
        if (kind < 14) {
            return new Op.Idle(b < 600 ? a % 2_001 : b < 900 ? a % 120_001 : a * 14L);
        } else if (kind < 18) {
            return new Op.CheckMsg();
        } else if (kind < 30) {
            return new Op.WaitMsg(b < 700 ? a % 5_001 : a % 600_001);
        } else if (kind < 48) {
            return new Op.Publish(b % 3);
        } else if (kind < 53) {
            return new Op.Subscribe(b % 3);
        } else if (kind < 57) {
            return new Op.Unsubscribe();
        } else if (kind < 63) {
            return new Op.Ping();
        } else if (kind < 75) {
            return new Op.Inbound(b % 3, 1 + a % 3, a / 3 % 5_001, b >= 700);
        } else if (kind < 76) {
            return new Op.Flood(a % 1_001);
        } else if (kind < 82) {
            long limit = healthy * 10 / 9;
            return new Op.AnswerDelay(b < 800 ? a % (healthy + 1) : limit + 1 + a % (2 * limit));
        } else if (kind < 84) {
            return new Op.Dead();
        } else if (kind < 90) {
            return new Op.Cut(b < 700, b % 2 == 0 ? 0 : a % 5_001);
        } else if (kind >= 110) {
            return new Op.Flush(b < 500 ? 1 + a % 2_000 : 1 + a % 60_000);
        } else if (kind >= 100) {
            return new Op.Send(b % 3);
        } else {
            Op.Mode mode = b < 400 ? Op.Mode.NONE : b < 700 ? Op.Mode.PUBLISH : b < 850 ? Op.Mode.DISCONNECT
                    : Op.Mode.THROW;
            return new Op.Callback(mode, a % 3);
        }
    }
}

package umqtt.robust;

import umqtt.api.spi.TimeSource;

/**
 * Counts the failures in a row that the backoff grows with, and decides when a link proved itself
 * and so ends the row.
 *
 * <p>A link proves itself by staying up for {@link RobustClient#STABLE_MILLIS} and for
 * {@value #CONNECT_TIMES} times as long as its connect took, whichever is longer. Only then does
 * its failure reset the row, and the reconnect after it is immediate. A completed operation proves
 * nothing: when two clients share one client id, the broker drops each one's link as soon as the
 * other reconnects, which takes about as long as a connect; each link still completes a publish
 * or a delivery first. Judged by uptime, both clients' backoff grows until one of them waits long
 * enough for the other's link to prove itself; from then on the kicks come at the pace of the
 * waiting one's backoff (up to its cap), not of the network. A link cut every few hundred
 * milliseconds on a fast network still proves itself each time, so a subscriber that is cut
 * repeatedly comes back at once.
 */
final class Stability {

    /** How many connect durations a link must stay up, at least, to prove itself. */
    static final int CONNECT_TIMES = 10;

    private static final long FLOOR_NANOS = RobustClient.STABLE_MILLIS * 1_000_000;

    private final TimeSource time;
    private long connectedAt;
    private long proofNanos = FLOOR_NANOS;
    private int failuresInRow;

    Stability(TimeSource time) {
        this.time = time;
    }

    /** A link came up now; its connect started at {@code startedAt}. */
    void connected(long startedAt) {
        connectedAt = time.nanoTime();
        long took = Math.max(0, connectedAt - startedAt);
        proofNanos = Math.max(FLOOR_NANOS, Nanos.times(took, CONNECT_TIMES));
    }

    /**
     * Counts a failure.
     *
     * @param linkBroke whether a connected link broke (rather than a connect attempt failing)
     * @return the failures in a row, this one included: 0 when the link that broke had proved
     *     itself (reconnect at once), otherwise what the backoff is asked with
     */
    int failed(boolean linkBroke) {
        if (linkBroke && time.nanoTime() - connectedAt >= proofNanos) {
            failuresInRow = 0;
        } else if (failuresInRow < Integer.MAX_VALUE) {
            failuresInRow++;
        }
        return failuresInRow;
    }
}

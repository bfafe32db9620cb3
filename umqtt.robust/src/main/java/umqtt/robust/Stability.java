package umqtt.robust;

import umqtt.api.spi.TimeSource;

/**
 * Counts the failures in a row that the backoff grows with, and decides when a link was working
 * and so ends the row: an operation completed on it, or it stayed up for
 * {@link RobustClient#STABLE_MILLIS}. The reconnect after a working link is immediate.
 */
final class Stability {

    private static final long STABLE_NANOS = RobustClient.STABLE_MILLIS * 1_000_000;

    private final TimeSource time;
    private long connectedAt;
    private boolean working;
    private int failuresInRow;

    Stability(TimeSource time) {
        this.time = time;
    }

    /** A link came up now; its connect started at {@code startedAt}. */
    void connected(long startedAt) {
        connectedAt = time.nanoTime();
        working = false;
    }

    /** An operation completed on the link: it works. */
    void worked() {
        working = true;
        failuresInRow = 0;
    }

    /**
     * Counts a failure.
     *
     * @param linkBroke whether a connected link broke (rather than a connect attempt failing)
     * @return the failures in a row, this one included: 0 when the link that broke was working
     *     (reconnect at once), otherwise what the backoff is asked with
     */
    int failed(boolean linkBroke) {
        if (linkBroke && (working || time.nanoTime() - connectedAt >= STABLE_NANOS)) {
            failuresInRow = 0;
        } else if (failuresInRow < Integer.MAX_VALUE) {
            failuresInRow++;
        }
        return failuresInRow;
    }
}

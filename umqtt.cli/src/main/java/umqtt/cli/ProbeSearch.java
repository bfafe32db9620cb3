package umqtt.cli;

import java.io.IOException;

/**
 * The bounded binary search of {@code umqtt probe}'s size limits: the largest size in a range
 * the broker accepts, trying the upper bound first (most brokers take it, and one step is the
 * cheapest answer), then the lower bound, then halving: at most about log2(range) + 2 steps.
 */
final class ProbeSearch {

    /** One step: tries a size. */
    interface Step {
        /**
         * @param size the size to try
         * @return null when the broker accepted it, else what it did instead (e.g. "closed the connection")
         */
        String refusal(int size) throws IOException;
    }

    /**
     * What the search found.
     *
     * @param largest the largest size accepted, or {@code lo - 1} when not even the lower bound was
     * @param smallestRefused the smallest size refused, or 0 when the upper bound was accepted
     * @param refusal what the broker did at {@code smallestRefused}
     * @param steps how many sizes were tried
     */
    record Outcome(int largest, int smallestRefused, String refusal, int steps) {
    }

    private ProbeSearch() {
    }

    /**
     * @param lo the smallest size to try; expected to be accepted
     * @param hi the largest size to try
     * @param step tries one size
     * @return the largest accepted size, assuming a broker that refuses a size refuses every larger one
     */
    static Outcome largest(int lo, int hi, Step step) throws IOException {
        String refusal = step.refusal(hi);
        if (refusal == null) {
            return new Outcome(hi, 0, null, 1);
        }
        int steps = 1;
        int bad = hi;
        String badRefusal = refusal;
        String low = step.refusal(lo);
        steps++;
        if (low != null) {
            return new Outcome(lo - 1, lo, low, steps);
        }
        int good = lo;
        while (bad - good > 1) {
            int mid = good + (bad - good) / 2;
            String r = step.refusal(mid);
            steps++;
            if (r == null) {
                good = mid;
            } else {
                bad = mid;
                badRefusal = r;
            }
        }
        return new Outcome(good, bad, badRefusal, steps);
    }
}

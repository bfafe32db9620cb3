package umqtt.robust;

/** Counts the failed attempts of one operation and says when the policy allows no more. */
final class Attempts {

    private final RetryPolicy policy;
    private final long start;
    private int failures;
    private int refusals;
    private int protocolErrors;

    Attempts(RetryPolicy policy, long start) {
        this.policy = policy;
        this.start = start;
    }

    /** The number of failed attempts so far. */
    int failures() {
        return failures;
    }

    /**
     * Counts one failure.
     *
     * @param kind what failed
     * @param delayNanos the pause the next attempt would wait for
     * @return why no further attempt is allowed, or null when one is
     */
    String count(Failure kind, long delayNanos) {
        failures++;
        if (kind == Failure.REFUSAL && ++refusals >= policy.maxRefusals()) {
            return refusals == 1 ? "the broker refused the connection"
                    : "the broker refused the connection " + refusals + " times";
        }
        if (kind == Failure.PROTOCOL && ++protocolErrors >= policy.maxProtocolErrors()) {
            return protocolErrors + " protocol error(s) in a row";
        }
        if (policy.maxAttempts() > 0 && failures >= policy.maxAttempts()) {
            return failures + " failed attempt(s), the maximum";
        }
        if (policy.deadlineNanos() > 0) {
            long elapsed = policy.time().nanoTime() - start;
            if (elapsed >= policy.deadlineNanos() || delayNanos > policy.deadlineNanos() - elapsed) {
                return "the deadline of " + policy.deadlineNanos() / 1_000_000 + " ms would pass";
            }
        }
        return null;
    }
}

package umqtt.tests.model;

import java.util.List;

/**
 * One generated run: the client's settings and the operations.
 *
 * @param keepAliveSeconds the keepalive, 0 = off
 * @param responseTimeoutMs the response timeout
 * @param window the client's maxInFlight, for {@link Op.Send}
 * @param ops the operations, in order
 */
record Scenario(int keepAliveSeconds, long responseTimeoutMs, int window, List<Op> ops) {

    /** Connect timeout the client keeps at its default. */
    static final long CONNECT_TIMEOUT_MS = 30_000;

    /**
     * The longest answer delay that must never trip a timeout: 90 % of the smallest of the
     * response timeout, half the keepalive and the connect timeout.
     */
    long healthyDelayMs() {
        long bound = Math.min(responseTimeoutMs, CONNECT_TIMEOUT_MS);
        if (keepAliveSeconds > 0) {
            bound = Math.min(bound, keepAliveSeconds * 500L);
        }
        return bound * 9 / 10;
    }

    /** @return this scenario's settings with other operations */
    Scenario withOps(List<Op> other) {
        return new Scenario(keepAliveSeconds, responseTimeoutMs, window, other);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("keepAlive=").append(keepAliveSeconds).append(" s, responseTimeout=")
                .append(responseTimeoutMs).append(" ms, maxInFlight=").append(window).append(", then:");
        for (Op op : ops) {
            sb.append("\n    ").append(op);
        }
        return sb.toString();
    }
}

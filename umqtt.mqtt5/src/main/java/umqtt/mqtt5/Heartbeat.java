package umqtt.mqtt5;

/**
 * When the keepalive asks for a PINGREQ and when a missing PINGRESP means a dead link, on the
 * time source's scale; the period is the server's Server Keep Alive when it sent one (MQTT
 * 5.0, 3.2.2.3.14), else the client's. Same rule as the 3.1.1 client: PINGREQ after three
 * quarters of the period without traffic either way, its answer awaited for half the period.
 */
final class Heartbeat {

    private long period;
    private boolean pinging;
    private long pingAt;

    /** A new connection with this keepalive, in seconds (0 for none). */
    void start(int seconds) {
        period = seconds * 1_000_000_000L;
        pinging = false;
    }

    long periodNanos() {
        return period;
    }

    /** @return the time at which {@link #check} must next run; {@link Long#MAX_VALUE} when none */
    long next(long lastSent, long lastReceived) {
        if (period == 0) {
            return Long.MAX_VALUE;
        }
        return pinging ? pingAt + period / 2 : Math.min(lastSent, lastReceived) + period / 4 * 3;
    }

    /** @return 1 when a PINGREQ is due, -1 when the link is dead, 0 otherwise (after a read that found nothing) */
    int check(long now, long lastSent, long lastReceived) {
        if (period == 0) {
            return 0;
        }
        if (pinging) {
            return now - pingAt >= period / 2 ? -1 : 0;
        }
        return now - Math.min(lastSent, lastReceived) >= period / 4 * 3 ? 1 : 0;
    }

    void pinged(long at) {
        if (!pinging) {
            pinging = true;
            pingAt = at;
        }
    }

    /** Any packet proves the link alive. */
    void heard() {
        pinging = false;
    }
}

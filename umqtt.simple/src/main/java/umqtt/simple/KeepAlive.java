package umqtt.simple;

/**
 * The keepalive's timing, with no I/O: when a PINGREQ is due and when a missing PINGRESP means
 * the link is dead. All times are on the client's {@link umqtt.api.spi.TimeSource} scale.
 *
 * <p>A PINGREQ is due once the link has been quiet in either direction for three quarters of
 * the keepalive (the broker allows one and a half, and a busy machine or a slow link must not
 * turn a ping sent "just in time" into a dropped connection). Its answer is awaited for half the
 * keepalive from the PINGREQ. Any packet received after the PINGREQ proves the link alive, and a
 * PINGRESP is consumed whenever it is read; the link is judged dead only by a read that came up
 * empty at or after the deadline, never by when the next call happens to come.
 */
final class KeepAlive {

    /** What the keepalive asks for after a read came up empty. */
    enum Action { NOTHING, PING, DEAD }

    private final long period;
    private boolean pingOutstanding;
    private long pingSentAt;

    /**
     * @param periodNanos the keepalive, 0 for off
     */
    KeepAlive(long periodNanos) {
        this.period = periodNanos;
    }

    /** @return when the keepalive next needs attention; {@link Long#MAX_VALUE} when it is off */
    long nextDeadline(long lastSent, long lastReceived) {
        if (period == 0) {
            return Long.MAX_VALUE;
        }
        return pingOutstanding ? pingSentAt + period / 2 : Math.min(lastSent, lastReceived) + period / 4 * 3;
    }

    /** What is due at {@code now}, after a read that found no packet. */
    Action due(long now, long lastSent, long lastReceived) {
        if (period == 0) {
            return Action.NOTHING;
        }
        if (pingOutstanding) {
            return now - pingSentAt >= period / 2 ? Action.DEAD : Action.NOTHING;
        }
        return now - Math.min(lastSent, lastReceived) >= period / 4 * 3 ? Action.PING : Action.NOTHING;
    }

    /** A PINGREQ went out at {@code at}; a second one before the answer keeps the first deadline. */
    void pingSent(long at) {
        if (!pingOutstanding) {
            pingOutstanding = true;
            pingSentAt = at;
        }
    }

    /** A packet arrived: the link is alive, whatever it was. */
    void packetReceived() {
        pingOutstanding = false;
    }

    /** @return how long a PINGRESP is awaited, in nanoseconds */
    long pingTimeout() {
        return period / 2;
    }
}

package umqtt.tests.fuzz;

import umqtt.api.spi.TimeSource;

/** A clock that moves only by a fixed step each time it is read, and never waits for real. */
final class FakeClock implements TimeSource {

    private final long stepNanos;
    private long now = 1_000_000_000L;

    FakeClock(long stepNanos) {
        this.stepNanos = stepNanos;
    }

    @Override
    public long nanoTime() {
        now += stepNanos;
        return now;
    }

    @Override
    public void await(Object monitor, long nanos) {
        now += Math.max(0, nanos);
    }
}

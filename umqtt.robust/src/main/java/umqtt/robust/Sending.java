package umqtt.robust;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link RobustClient#send} and {@link RobustClient#flush}: connected, a message goes to the current
 * delegate (after whatever the {@link Outbox} buffered); with the link down, it is buffered and the
 * call returns, making one reconnect attempt first when the backoff is due but never waiting for
 * it. Only a full buffer with {@link WhenFull#BLOCK} waits, like a blocking operation.
 */
final class Sending {

    private final RetryLoop loop;
    private final Outbox outbox;
    private final WhenFull whenFull;

    Sending(RetryLoop loop, WhenFull whenFull) {
        this.loop = loop;
        this.outbox = loop.outbox();
        this.whenFull = whenFull;
    }

    long send(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(msg, "msg");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2 but was " + qos);
        }
        loop.enter();
        try {
            outbox.requirePipelining();
            Attempts attempts = null;
            boolean checked = false;
            while (true) {
                IOException failure = null;
                if (!loop.isConnected() && loop.nanosUntilAttempt() == 0) {
                    failure = loop.reconnectOnce("send");
                }
                if (loop.isConnected()) {
                    boolean handing = false;
                    try {
                        outbox.drain();
                        handing = true;
                        return outbox.handNew(topic, msg, retain, qos);
                    } catch (IOException e) {
                        loop.linkFailed("send", e);
                        if (handing) {
                            return outbox.tickets(); // taken: in the delegate's session, or buffered
                        }
                        failure = e; // the buffer did not drain: the new message joins it
                    }
                }
                if (!checked) {
                    TopicName.check(topic);
                    checked = true;
                }
                long size = (long) topic.length + msg.length;
                if (outbox.fits(size)) {
                    return outbox.buffer(topic, msg, retain, qos);
                }
                if (whenFull == WhenFull.BLOCK) {
                    if (attempts == null) {
                        attempts = loop.policy().start();
                    }
                    String stop = failure == null ? null
                            : attempts.count(Failure.of(failure), loop.nanosUntilAttempt());
                    if (stop != null) {
                        loop.log().gaveUp("send", loop.servers().current(), stop, failure);
                        throw failure;
                    }
                    loop.sleep(loop.nanosUntilAttempt());
                    continue;
                }
                if (size > outbox.maxBytes() || whenFull == WhenFull.FAIL) {
                    throw full(size);
                }
                String why = limits();
                while (!outbox.fits(size)) {
                    outbox.dropOldest(why);
                }
                return outbox.buffer(topic, msg, retain, qos);
            }
        } catch (RuntimeException e) {
            throw loop.closedOr(e);
        } finally {
            loop.exit();
        }
    }

    /** Waits until every message taken is acknowledged, reconnecting and draining the buffer meanwhile. */
    boolean flush(Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        if (outbox.inFlight() == 0) {
            return true;
        }
        loop.enter();
        try {
            long limit = loop.policy().time().nanoTime() + Math.min(Nanos.saturated(timeout), Long.MAX_VALUE / 4);
            while (outbox.inFlight() > 0) {
                long left = limit - loop.policy().time().nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (!loop.isConnected()) {
                    long wait = loop.nanosUntilAttempt();
                    if (wait > 0) {
                        loop.sleep(Math.min(wait, left));
                    } else {
                        loop.reconnectOnce("flush");
                    }
                    continue;
                }
                try {
                    outbox.drain();
                    if (!loop.servers().client().flush(Duration.ofNanos(left))) {
                        return false;
                    }
                    if (!outbox.hasBuffered()) {
                        // Everything open is held by this delegate, which has nothing left in flight.
                        return outbox.inFlight() == 0;
                    }
                } catch (IOException e) {
                    loop.linkFailed("flush", e);
                }
            }
            return true;
        } catch (RuntimeException e) {
            throw loop.closedOr(e);
        } finally {
            loop.exit();
        }
    }

    private IOException full(long size) {
        String server = "server " + (loop.servers().current() + 1) + " of " + loop.servers().count();
        if (size > outbox.maxBytes()) {
            return new IOException("the message (" + size + " bytes of topic and payload) is larger than the whole "
                    + "offline buffer (" + outbox.maxBytes() + " bytes) while reconnecting to " + server
                    + ": it was not taken (no ticket); raise maxBufferedBytes or choose WhenFull.BLOCK");
        }
        return new IOException("the offline buffer is full (" + limits() + ") while reconnecting to " + server
                + ": the message was not taken (no ticket); send it again later, call flush, or choose "
                + "WhenFull.BLOCK or DROP_OLDEST");
    }

    private String limits() {
        return outbox.bufferedCount() + " messages / " + outbox.bufferedBytes() + " bytes of at most "
                + outbox.maxMessages() + " / " + outbox.maxBytes();
    }
}

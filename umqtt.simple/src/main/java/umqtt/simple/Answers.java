package umqtt.simple;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;
import umqtt.api.spi.TimeSource;

/**
 * The waits for an answer: each a loop of {@link Pump#step} that fails when nothing answered
 * within the response timeout of the later of the request's writing and the last byte received.
 * PINGRESPs do not count: a server that answers the keepalive but never the request must not keep
 * the wait going for ever.
 */
final class Answers {

    private final ClientSettings settings;
    private final Pump pump;
    private final Delivery delivery;
    private final TimeSource time;
    private final Supplier<Connection> link;

    Answers(ClientSettings settings, Pump pump, Delivery delivery, Supplier<Connection> link) {
        this.settings = settings;
        this.pump = pump;
        this.delivery = delivery;
        this.time = settings.time();
        this.link = link;
    }

    /** Waits until an outbound QoS 1/2 message is acknowledged (no allocation: this is the QoS 1 hot path). */
    void awaitCompletion(Session.Outbound o) throws IOException {
        while (!o.complete) {
            awaitStep(o.writtenAt, o.awaited(), Connection.NO_DEADLINE);
        }
    }

    /**
     * Reads one packet, or fails when the answer is overdue.
     *
     * @param writtenAt when the request awaiting {@code answer} was written
     * @param answer the packet awaited, for the message
     * @param limit return by then, without failing, if no packet came; {@link Connection#NO_DEADLINE} for none
     */
    void awaitStep(long writtenAt, String answer, long limit) throws IOException {
        Connection c = link.get();
        if (c == null) {
            throw new IOException("the client was disconnected (by the callback?) while waiting for " + answer
                    + "; a message stays in the session for connect(false)");
        }
        if (!pump.step(c, Math.min(deadline(c, writtenAt), limit)) && time.nanoTime() - deadline(c, writtenAt) >= 0) {
            throw new SocketTimeoutException("no " + answer + " from " + settings.safeServer() + " within "
                    + Duration.ofNanos(settings.responseTimeoutNanos()).toMillis()
                    + " ms of the request" + (delivery.full() ? " (the client stopped reading: "
                    + delivery.maxDeferred() + " messages arrived while the callback waited; raise maxDeferred "
                    + "or publish QoS 0 from the callback)" : "") + "; the link is presumed dead");
        }
    }

    private long deadline(Connection c, long writtenAt) {
        return Math.max(writtenAt, c.lastBusy()) + settings.responseTimeoutNanos();
    }
}

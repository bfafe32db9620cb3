package umqtt.simple;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import umqtt.api.MqttException;
import umqtt.api.spi.TimeSource;
import umqtt.simple.codec.PacketType;

/**
 * The client's one way of waiting: read a packet and route it, sending PINGREQ when the
 * keepalive wants one and failing when a PINGREQ stays unanswered (see {@link KeepAlive}).
 * Every wait of the client, in {@code waitMsg}, {@code checkMsg} and for acknowledgements, is a
 * loop of {@link #step}; the {@link Gate} decides which thread reads.
 */
final class Pump {

    /** A step that reads once, briefly, and returns whether or not a packet came. */
    static final long POLL = Long.MIN_VALUE;

    private final KeepAlive keepAlive;
    private final Inbound inbound;
    private final Delivery delivery;
    private final Gate gate;
    private final TimeSource time;
    private final String server;

    Pump(KeepAlive keepAlive, Inbound inbound, Delivery delivery, Gate gate, TimeSource time, String server) {
        this.keepAlive = keepAlive;
        this.inbound = inbound;
        this.delivery = delivery;
        this.gate = gate;
        this.time = time;
        this.server = server;
    }

    /**
     * Reads and routes one packet, keeping the link alive meanwhile.
     *
     * @param link the live link
     * @param deadline when to give up, on the time source's scale; {@link Connection#NO_DEADLINE}
     *     for never, {@link #POLL} to read once without waiting
     * @return true when a packet was handled, false when the deadline (or the poll) came first, or
     *     when another thread handled one (a shared client)
     */
    boolean step(Connection link, long deadline) throws IOException {
        while (true) {
            long until = Math.min(deadline == POLL ? time.nanoTime() : deadline,
                    keepAlive.nextDeadline(link.lastSent(), link.lastReceived()));
            if (delivery.full()) {
                holdOff(until);
            } else {
                int read = read(link, until);
                if (read == Gate.PACKET) {
                    keepAlive.packetReceived();
                    try {
                        inbound.route(link);
                    } finally {
                        gate.routed();
                    }
                    return true;
                } else if (read == Gate.ELSEWHERE) {
                    return false; // another thread read: the caller looks at its condition again
                }
            }
            long now = time.nanoTime();
            switch (keepAlive.due(now, link.lastSent(), link.lastReceived())) {
                case DEAD -> throw new SocketTimeoutException("no PINGRESP from " + server + " within "
                        + Duration.ofNanos(keepAlive.pingTimeout()).toMillis() + " ms of PINGREQ: the link is dead");
                case PING -> ping(link);
                case NOTHING -> { }
            }
            if (deadline == POLL || deadline != Connection.NO_DEADLINE && now - deadline >= 0) {
                return false;
            }
        }
    }

    /**
     * Reads a packet; a QoS 1/2 message refused for its size is acknowledged before the refusal
     * is thrown, so a persistent session does not bring it back with every reconnect.
     */
    private int read(Connection link, long until) throws IOException {
        try {
            return gate.read(link, until);
        } catch (MqttException e) {
            int refused = link.reader().refusedPublish();
            if (refused != 0) {
                link.writeAck(refused >>> 16 == 1 ? PacketType.PUBACK : PacketType.PUBREC, refused & 0xFFFF);
            }
            throw e;
        }
    }

    /** Sends PINGREQ; its answer is awaited from now (a second one keeps the first one's deadline). */
    void ping(Connection link) throws IOException {
        link.writeEmpty(PacketType.PINGREQ);
        keepAlive.pingSent(link.lastSent());
    }

    /**
     * The callback's queue is full: read nothing more, so the server meets TCP back-pressure
     * instead of the client buffering without bound, until the deadline.
     */
    private void holdOff(long until) throws IOException {
        if (!gate.idle(until)) {
            throw new IllegalStateException("the callback waits for the server while " + delivery.maxDeferred()
                    + " messages that arrived meanwhile wait for it to return: a callback must not block on waitMsg");
        }
    }
}

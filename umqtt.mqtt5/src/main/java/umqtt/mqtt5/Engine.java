package umqtt.mqtt5;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import umqtt.api.MqttException;
import umqtt.api.spi.TimeSource;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.PacketTypes;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/**
 * The client's connection life and its reading: connect, the read loop that routes packets and
 * keeps the link alive, the waits for answers, and disconnect. Any {@link IOException} drops the
 * link and keeps the session for {@code connect(false)}; a packet from the server that breaks the
 * standard is answered with DISCONNECT and its reason code before the link is dropped.
 */
final class Engine {

    /** A deadline meaning: read what is there, do not wait. */
    static final long POLL = Long.MIN_VALUE;

    final Config config;
    final TimeSource time;
    final SessionState session = new SessionState();
    final Inbox inbox;
    final Subscriptions subscriptions = new Subscriptions(this);
    final TopicAliases aliases;
    final Turns turns;
    private final Reauthentication auth;
    private final Router router;
    private volatile Link link;
    private volatile boolean closed;
    private Connack connack;
    private String clientId;
    private Packet.Will will;
    /** How the server ended the last link, for the next call's message; null when it did not. */
    private volatile String goodbye;

    Engine(Config config) {
        this.config = config;
        this.time = config.time;
        this.clientId = config.clientId;
        this.turns = config.shared ? new Shared(time) : Turns.sole(time);
        this.inbox = new Inbox(session, config.maxDeferred, config.maxPacketSize, config.shared);
        this.aliases = new TopicAliases(config.topicAliasMaximum);
        this.auth = new Reauthentication(config.authenticator);
        this.router = new Router(session, inbox, subscriptions, aliases, auth, config.receiveMaximum);
    }

    void enter() throws InterruptedIOException {
        turns.enter();
    }

    void exit() {
        turns.exit();
    }

    Connack connack() {
        return connack;
    }

    void will(Packet.Will w) {
        will = w;
    }

    /** @return the live link, or an exception saying why there is none */
    Link connected() {
        if (closed) {
            throw new IllegalStateException("this client is closed: build a new one");
        }
        Link c = link;
        if (c == null) {
            String why = goodbye;
            throw new IllegalStateException("not connected" + (why == null ? "" : " (" + why + ")")
                    + ": call connect() first");
        }
        return c;
    }

    Packet.Connack connect(boolean cleanStart, Duration timeout, Outgoing outgoing) throws IOException {
        Config.positive(timeout, "connect timeout");
        turns.enter();
        try {
            if (closed) {
                throw new IllegalStateException("this client is closed: build a new one");
            }
            if (link != null) {
                throw new IllegalStateException("already connected to " + config.safeServer() + ": call disconnect() first");
            }
            goodbye = null;
            long start = time.nanoTime();
            long expiry = config.sessionExpiry != Config.EXPIRY_UNSET ? config.sessionExpiry
                    : cleanStart ? 0 : Mqtt5Client.NEVER_EXPIRES;
            Link c = Link.open(config, timeout);
            link = c;
            try {
                if (closed) {
                    throw new IOException("the client was closed while connecting");
                }
                Packet.Connect connect = Handshake.connect(config, clientId, cleanStart, expiry, will, auth);
                Packet.Connack ack = Handshake.run(c, config, connect, auth, start + timeout.toNanos());
                Properties w = ack.properties();
                connack = WireProperties.connack(ack.sessionPresent(), ack.reasonCode(), w, expiry);
                if (connack.assignedClientIdentifier() != null) {
                    clientId = connack.assignedClientIdentifier(); // the session's later connects use it
                }
                c.serverMaximum(connack.maximumPacketSize() == 0 ? Long.MAX_VALUE : connack.maximumPacketSize());
                c.keepAlive(connack.serverKeepAlive() >= 0 ? connack.serverKeepAlive() : config.keepAliveSeconds);
                aliases.reset(connack.topicAliasMaximum(), config.outboundTopicAliases);
                if (cleanStart || !ack.sessionPresent()) {
                    session.reset(cleanStart);
                }
                outgoing.resume(c, ack.sessionPresent());
                return ack;
            } catch (IOException | RuntimeException e) {
                dropLink(c);
                throw e;
            }
        } finally {
            turns.exit();
        }
    }

    /** Reads and handles one packet, keeping the link alive meanwhile; false when the deadline came first. */
    boolean step(Link c, long deadline) throws IOException {
        while (true) {
            long until = Math.min(deadline == POLL ? time.nanoTime() : deadline, c.nextBeat());
            if (inbox.full()) {
                holdOff(until);
            } else {
                try {
                    int read = turns.read(c, until);
                    if (read == Turns.PACKET) {
                        c.heard();
                        try {
                            router.route(c);
                        } finally {
                            turns.routed();
                        }
                        return true;
                    } else if (read == Turns.OTHER_READER) {
                        return false; // another thread read: the caller looks at its condition again
                    }
                } catch (MqttException e) {
                    goodbye = e instanceof ServerDisconnect ? e.getMessage() : null;
                    if (!(e instanceof ServerDisconnect)) {
                        c.refuse(e);
                    }
                    throw e;
                }
            }
            long now = time.nanoTime();
            int due = c.beat(now);
            if (due < 0) {
                throw new SocketTimeoutException("no PINGRESP from " + config.safeServer() + " within "
                        + c.keepAliveNanos() / 2_000_000 + " ms of PINGREQ: the link is dead");
            } else if (due > 0) {
                ping(c);
            }
            if (deadline == POLL || deadline != Link.NO_DEADLINE && now - deadline >= 0) {
                return false;
            }
        }
    }

    void ping(Link c) throws IOException {
        c.send(new Packet.Empty(12));
        c.pinged();
    }

    private void holdOff(long until) throws IOException {
        if (!turns.pause(until)) {
            throw new IllegalStateException("the callback waits for the server while the messages that arrived "
                    + "meanwhile (at most " + config.maxDeferred + ", and " + config.maxPacketSize
                    + " bytes) wait for it to return: a callback must not block on waitMsg");
        }
    }

    /**
     * Reads one packet or fails when the answer is overdue: the response timeout counts from the
     * later of the request's writing and the last byte received that was not a PINGRESP.
     */
    void awaitStep(long writtenAt, String answer, long limit) throws IOException {
        Link c = link;
        if (c == null) {
            throw new IOException("the client was disconnected (by the callback?) while waiting for " + answer
                    + "; a message stays in the session for connect(false)");
        }
        long due = Math.max(writtenAt, c.lastBusy()) + config.responseTimeoutNanos;
        if (!step(c, Math.min(due, limit)) && time.nanoTime() - due >= 0) {
            throw new SocketTimeoutException("no " + answer + " from " + config.safeServer() + " within "
                    + config.responseTimeoutNanos / 1_000_000 + " ms of the request"
                    + (inbox.full() ? " (the client stopped reading: " + config.maxDeferred + " messages or "
                    + config.maxPacketSize + " bytes arrived while the callback waited; raise maxDeferred or "
                    + "maxPacketSize)" : "") + "; the link is presumed dead");
        }
    }

    /** Delivers a held message or reads one packet until {@code deadline} ({@link #POLL}: no wait). */
    boolean receive(long deadline) throws IOException {
        turns.enter();
        try {
            Link c = connected();
            try {
                return inbox.deliverHeld(c) || step(c, deadline);
            } catch (IOException e) {
                dropLink(c);
                throw e;
            }
        } finally {
            turns.exit();
        }
    }

    void reauthenticate() throws IOException {
        turns.enter();
        try {
            Link c = connected();
            try {
                auth.reauthenticate(c);
                long sent = c.lastSent();
                while (auth.running()) {
                    awaitStep(sent, "AUTH", Link.NO_DEADLINE);
                }
            } catch (IOException e) {
                dropLink(c);
                throw e;
            }
        } finally {
            turns.exit();
        }
    }

    void disconnect(int reason, long expiry, String reasonString, List<UserProperty> users) throws IOException {
        if (!PacketTypes.clientDisconnect(reason)) {
            throw new IllegalArgumentException(String.format("0x%02X is not a reason code a client may send in "
                    + "DISCONNECT (MQTT 5.0, 3.14.2.1)", reason));
        }
        Properties p = new Properties().addUsers(users).set(Property.REASON_STRING, reasonString);
        turns.enter();
        try {
            Link c = link;
            if (c == null) {
                return;
            }
            if (expiry >= 0) {
                if (connack != null && connack.sessionExpiry() == 0 && expiry > 0) {
                    throw new IllegalArgumentException("the session was connected with Session Expiry 0; it cannot be "
                            + "given one at DISCONNECT (MQTT 5.0, 3.14.2.2.2): connect with a session expiry instead");
                }
                p.set(Property.SESSION_EXPIRY_INTERVAL, expiry);
            }
            try {
                c.closeWith(new Packet.Reason(14, reason, p));
            } finally {
                dropLink(c);
            }
        } finally {
            turns.exit();
        }
    }

    void close() {
        closed = true;
        Link c = link;
        if (c != null) {
            c.close();
        }
    }

    /** Closes {@code failed}; the session stays for connect(false). */
    void dropLink(Link failed) {
        if (link == failed) {
            link = null;
            subscriptions.clear();
            inbox.linkDropped();
            auth.linkDropped();
        }
        failed.close();
    }
}

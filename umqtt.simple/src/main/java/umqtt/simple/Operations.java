package umqtt.simple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import umqtt.api.MqttException;
import umqtt.api.spi.TimeSource;
import umqtt.simple.codec.Connack;
import umqtt.simple.codec.Connect;
import umqtt.simple.codec.PacketType;

/**
 * What each {@link SimpleClient} call does on the wire, once its arguments were checked and its
 * thread admitted: the live link, the session that outlives it, and the waits for answers. Any
 * {@link IOException} drops the link and keeps the session for {@code connect(false)}.
 */
final class Operations {

    private final ClientSettings settings;
    private final Gate guard;
    private final TimeSource time;
    private final Session session = new Session();
    private final Requests requests = new Requests(session);
    private final Delivery delivery;
    private final Pump pump;
    private final Answers answers;
    private final Publishing publishing;
    private final KeepAlive keepAlive;
    private volatile Connection link;
    private volatile boolean closed;
    private Connect.Will will;

    Operations(ClientSettings settings) {
        this.settings = settings;
        this.time = settings.time();
        this.guard = settings.shared() ? new SharedGate(time) : new SoleGate(time);
        // The bytes held for the callback: as many as one largest packet, so one such message always fits.
        this.delivery = new Delivery(session, () -> link, settings.maxDeferred(), settings.maxPacketSize(),
                settings.shared());
        this.keepAlive = new KeepAlive(settings.keepAliveNanos());
        this.pump = new Pump(keepAlive, new Inbound(session, delivery, requests), delivery, guard, time,
                settings.safeServer());
        this.answers = new Answers(settings, pump, delivery, () -> link);
        this.publishing = new Publishing(this, session, answers, settings);
    }

    Publishing publishing() {
        return publishing;
    }

    Delivery delivery() {
        return delivery;
    }

    boolean isConnected() {
        return link != null;
    }

    // ---------------------------------------------------------------- connection

    boolean connect(boolean cleanSession, Duration timeout) throws IOException {
        ClientSettings.positive(timeout, "connect timeout");
        if (settings.clientId().isEmpty() && !cleanSession) {
            throw new IllegalArgumentException("an empty client id needs a clean session: set clientId(...) to resume "
                    + "a session with connect(false)");
        }
        guard.enter();
        try {
            checkOpen();
            if (link != null) {
                throw new IllegalStateException("already connected to " + settings.safeServer()
                        + ": call disconnect() first");
            }
            long start = time.nanoTime();
            try {
                Connection c = Connection.open(settings, timeout);
                link = c;
                if (closed) {
                    throw new IOException("the client was closed while connecting");
                }
                keepAlive.packetReceived();
                Connack connack = Handshake.run(c, settings, new Connect(settings.clientId(), cleanSession,
                        settings.keepAliveSeconds(), will, settings.user(), settings.password()),
                        start + timeout.toNanos(), timeout);
                if (cleanSession) {
                    session.clear();
                } else if (!connack.sessionPresent()) {
                    session.brokerForgot();
                }
                publishing.resume(c, connack.sessionPresent());
                return connack.sessionPresent();
            } catch (IOException | RuntimeException e) {
                dropLink();
                throw e;
            }
        } finally {
            guard.exit();
        }
    }

    void disconnect() throws IOException {
        guard.enter();
        try {
            Connection c = link;
            if (c == null) {
                return;
            }
            if (closed) {
                dropLink(); // close() came first: the link is gone already, and saying so is no news
                return;
            }
            try {
                c.disconnect();
            } finally {
                dropLink();
            }
        } finally {
            guard.exit();
        }
    }

    void close() {
        closed = true;
        Connection c = link;
        if (c != null) {
            c.close();
        }
    }

    void ping() throws IOException {
        guard.enter();
        try {
            Connection c = connected();
            try {
                pump.ping(c);
            } catch (IOException e) {
                dropLink(c);
                throw e;
            }
        } finally {
            guard.exit();
        }
    }

    // ---------------------------------------------------------------- publish and requests

    int subscribe(byte[] filter, int qos) throws IOException {
        int code = subscribe(new byte[][] {filter}, new int[] {qos})[0];
        if (code == MqttException.SUBSCRIPTION_REFUSED) {
            throw new MqttException(MqttException.SUBSCRIPTION_REFUSED, "the server refused the subscription to '"
                    + new String(filter, StandardCharsets.UTF_8) + "' (SUBACK 0x80): check the broker's ACLs");
        }
        return code;
    }

    int[] subscribe(byte[][] filtersIn, int[] qosIn) throws IOException {
        if (filtersIn.length == 0 || filtersIn.length != qosIn.length) {
            throw new IllegalArgumentException("subscribe needs one QoS per filter and at least one filter, but got "
                    + filtersIn.length + " filters and " + qosIn.length + " QoS values");
        }
        byte[][] filters = filtersIn.clone();
        int[] qos = qosIn.clone();
        for (int i = 0; i < filters.length; i++) {
            Topics.checkFilter(filters[i]);
            checkQos(qos[i]);
        }
        guard.enter();
        try {
            Connection c = connected();
            if (!delivery.hasCallback()) {
                throw new IllegalStateException("subscribe needs a callback to deliver to: call setCallback(...) first");
            }
            Requests.Pending p = requests.add(PacketType.SUBACK, filters.length);
            return request(c, p, () -> c.writeSubscribe(p.packetId, filters, qos), "SUBACK");
        } finally {
            guard.exit();
        }
    }

    void unsubscribe(byte[] filter) throws IOException {
        Topics.checkFilter(filter);
        guard.enter();
        try {
            Connection c = connected();
            Requests.Pending p = requests.add(PacketType.UNSUBACK, 1);
            request(c, p, () -> c.writeUnsubscribe(p.packetId, filter), "UNSUBACK");
        } finally {
            guard.exit();
        }
    }

    private int[] request(Connection c, Requests.Pending p, Write write, String answer) throws IOException {
        try {
            write.run();
            long writtenAt = c.lastSent();
            while (p.result == null) {
                answers.awaitStep(writtenAt, answer, Connection.NO_DEADLINE);
            }
            requests.remove(p);
            return p.result;
        } catch (IOException e) {
            dropLink(c);
            throw e;
        } catch (RuntimeException e) {
            requests.abandon(p); // the callback threw: the answer will still come, and is then consumed
            throw e;
        }
    }

    void setLastWill(byte[] topic, byte[] msg, boolean retain, int qos) {
        Topics.checkName(topic, "will topic");
        Objects.requireNonNull(msg, "msg");
        checkQos(qos);
        if (msg.length > Topics.MAX_LENGTH) {
            throw new IllegalArgumentException("will message is " + msg.length + " bytes; MQTT 3.1.1 allows at most "
                    + Topics.MAX_LENGTH);
        }
        this.will = new Connect.Will(topic.clone(), msg.clone(), qos, retain);
    }

    // ---------------------------------------------------------------- receiving

    void waitMsg() throws IOException {
        guard.enter();
        try {
            Connection c = connected();
            try {
                if (!delivery.deliverDeferred()) {
                    pump.step(c, Connection.NO_DEADLINE);
                }
            } catch (IOException e) {
                dropLink(c);
                throw e;
            }
        } finally {
            guard.exit();
        }
    }

    boolean checkMsg() throws IOException {
        guard.enter();
        try {
            Connection c = connected();
            try {
                return delivery.deliverDeferred() || pump.step(c, Pump.POLL);
            } catch (IOException e) {
                dropLink(c);
                throw e;
            }
        } finally {
            guard.exit();
        }
    }

    // ---------------------------------------------------------------- state

    Connection connected() {
        checkOpen();
        Connection c = link;
        if (c == null) {
            throw new IllegalStateException("not connected: call connect() first");
        }
        return c;
    }

    static void checkQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2 but was " + qos);
        }
    }

    /** Admits the calling thread (one at a time); pair with {@link #exit()}. */
    void enter() throws java.io.InterruptedIOException {
        guard.enter();
    }

    void exit() {
        guard.exit();
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this client is closed: build a new one");
        }
    }

    /**
     * Closes {@code failed} after its failure; drops it as the client's link only if it still is
     * (in a shared client another thread may have connected anew meanwhile).
     */
    void dropLink(Connection failed) {
        if (link == failed) {
            dropLink();
        } else {
            failed.close();
        }
    }

    /** Closes the link after a failure or DISCONNECT; the session stays for connect(false). */
    void dropLink() {
        Connection c = link;
        link = null;
        keepAlive.packetReceived();
        requests.clear();
        delivery.linkDropped();
        if (c != null) {
            c.close();
        }
    }

    /** A write that may fail. */
    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }
}

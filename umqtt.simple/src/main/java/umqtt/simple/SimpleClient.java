package umqtt.simple;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import umqtt.api.Message;
import umqtt.api.MessageCallback;
import umqtt.api.MqttClient;
import umqtt.api.MqttException;
import umqtt.api.TlsOptions;
import umqtt.api.internal.ThreadGuard;
import umqtt.api.spi.TimeSource;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.TransportProvider;
import umqtt.api.spi.Transports;
import umqtt.simple.codec.Decoder;
import umqtt.simple.codec.Encoder;
import umqtt.simple.codec.Packet;
import umqtt.simple.codec.PacketBuffer;
import umqtt.simple.codec.PacketReader;
import umqtt.simple.codec.PacketType;

/**
 * The blocking MQTT 3.1.1 client: one object that publishes and subscribes, with no threads of
 * its own. See {@link MqttClient} for the contract.
 *
 * <pre>{@code
 * try (SimpleClient c = SimpleClient.builder().clientId("sensor-1").server("mqtt://127.0.0.1").build()) {
 *     c.setCallback(m -> System.out.println(m.topicString() + " " + new String(m.payload())));
 *     c.connect();
 *     c.subscribe("cmd/#", 1);
 *     c.publish("status/sensor-1", "online".getBytes(), true, 1);
 *     while (true) {
 *         c.waitMsg();
 *     }
 * }
 * }</pre>
 *
 * <p>Timing without threads: {@link #waitMsg()}, {@link #checkMsg()} and every wait for an
 * acknowledgement send PINGREQ when nothing has been sent or received for three quarters of the
 * keepalive, and throw an {@link IOException} when the PINGRESP does not follow within half the
 * keepalive, so a dead link is found within about 1.25 times the keepalive. With keepalive off, a wait for an
 * acknowledgement gives up after the response timeout (30 s by default).
 *
 * <p>Any {@link IOException} leaves the client disconnected, with its session (unacknowledged
 * QoS 1/2 publishes, QoS 2 ids) kept for the next {@link #connect(boolean) connect(false)}.
 */
public final class SimpleClient implements MqttClient {

    /** The largest inbound packet accepted unless configured: 32 MiB. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 32 * 1024 * 1024;
    /** How long a wait for an acknowledgement may go without hearing from the server: 30 s. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    /** Payloads up to this size are copied behind the header and written in one call. */
    private static final int INLINE_PAYLOAD = 8 * 1024;
    private static final long FOREVER = -1;

    private final String clientId;
    private final URI server;
    private final TransportProvider provider;
    private final TransportOptions transportOptions;
    private final String user;
    private final byte[] password;
    private final int keepAliveSeconds;
    private final long keepAliveNanos;
    private final long responseTimeoutNanos;
    private final int maxPacketSize;
    private final TimeSource time;

    private final ThreadGuard guard = new ThreadGuard("SimpleClient");
    private final Session session = new Session();
    private final PacketBuffer out = new PacketBuffer(256);
    private final ArrayDeque<Deferred> deferred = new ArrayDeque<>();
    private final List<Pending> pending = new ArrayList<>();

    private MessageCallback callback;
    private Packet.Will will;

    private volatile Transport transport;
    private volatile boolean closed;
    private OutputStream output;
    private InputStream input;
    private PacketReader reader;
    private long lastSent;
    private long lastReceived;
    private long pingSent;
    private boolean pingOutstanding;
    private int callbackDepth;

    private String lastTopicString;
    private byte[] lastTopicBytes;

    private SimpleClient(Builder b) {
        this.clientId = b.clientId;
        this.server = b.server;
        this.provider = b.provider;
        this.transportOptions = new TransportOptions(b.connectTimeout, b.tls, b.headers);
        this.user = b.user;
        this.password = b.password;
        this.keepAliveSeconds = b.keepAliveSeconds;
        this.keepAliveNanos = Duration.ofSeconds(b.keepAliveSeconds).toNanos();
        this.responseTimeoutNanos = b.responseTimeout.toNanos();
        this.maxPacketSize = b.maxPacketSize;
        this.time = b.time;
    }

    /**
     * A new builder. {@link Builder#server(String)} is required; the rest have defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- connection

    @Override
    public boolean connect(boolean cleanSession) throws IOException {
        return connect(cleanSession, transportOptions.connectTimeout());
    }

    @Override
    public boolean connect(boolean cleanSession, Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive but was " + timeout);
        }
        if (clientId.isEmpty() && !cleanSession) {
            throw new IllegalArgumentException("an empty client id needs a clean session: set clientId(...) to resume "
                    + "a session with connect(false)");
        }
        guard.enter();
        try {
            checkOpen();
            if (transport != null) {
                throw new IllegalStateException("already connected to " + server + ": call disconnect() first");
            }
            long deadline = time.nanoTime() + timeout.toNanos();
            try {
                return handshake(cleanSession, timeout, deadline);
            } catch (IOException | RuntimeException e) {
                dropLink();
                throw e;
            }
        } finally {
            guard.exit();
        }
    }

    private boolean handshake(boolean cleanSession, Duration timeout, long deadline) throws IOException {
        Transport t = provider.open(server, transportOptions.withConnectTimeout(timeout));
        transport = t;
        if (closed) {
            dropLink();
            checkOpen();
        }
        output = t.output();
        input = t.input();
        reader = new PacketReader(input, maxPacketSize, 4096);
        pingOutstanding = false;
        lastReceived = time.nanoTime();
        send(new Packet.Connect(clientId, cleanSession, keepAliveSeconds, will, user, password));
        if (!readPacket(Math.max(1, deadline - time.nanoTime()), false)) {
            throw new SocketTimeoutException("no CONNACK from " + server + " within " + timeout.toMillis() + " ms");
        }
        if (reader.header() >>> 4 != PacketType.CONNACK) {
            throw protocolError("the server answered CONNECT with " + PacketType.name(reader.header() >>> 4)
                    + " instead of CONNACK");
        }
        Packet.Connack connack = Decoder.connack(reader.buffer(), reader.bodyOffset(), reader.bodyLength());
        if (connack.returnCode() != 0) {
            throw MqttException.connectionRefused(connack.returnCode());
        }
        if (connack.sessionPresent() && cleanSession) {
            throw protocolError("the server reported a session present for a clean session");
        }
        if (cleanSession) {
            session.clear();
        } else if (!connack.sessionPresent()) {
            session.brokerForgot();
        }
        resume(connack.sessionPresent(), deadline);
        return connack.sessionPresent();
    }

    /**
     * Completes the unacknowledged publishes of the previous connection (MQTT 3.1.1 §4.4): re-sent
     * with DUP when the broker kept the session, published afresh when it did not.
     */
    private void resume(boolean sessionPresent, long deadline) throws IOException {
        List<Session.Outbound> unfinished = new ArrayList<>(session.outbound());
        for (Session.Outbound o : unfinished) {
            if (o.released) {
                sendAck(PacketType.PUBREL, o.packetId);
            } else {
                writePublish(o.topic, o.payload, o.qos, o.retain, sessionPresent, o.packetId);
            }
        }
        for (Session.Outbound o : unfinished) {
            while (!o.complete) {
                if (!pump(deadline - time.nanoTime())) {
                    throw new SocketTimeoutException("connected, but the server did not acknowledge the "
                            + unfinished.size() + " message(s) left from the previous connection in time");
                }
            }
        }
    }

    @Override
    public void disconnect() throws IOException {
        guard.enter();
        try {
            if (transport == null) {
                return;
            }
            try {
                send(new Packet.Empty(PacketType.DISCONNECT));
            } finally {
                dropLink();
            }
        } finally {
            guard.exit();
        }
    }

    @Override
    public void close() {
        closed = true;
        Transport t = transport;
        if (t != null) {
            try {
                t.close();
            } catch (IOException ignored) {
                // Closing is best effort: the socket is gone either way.
            }
        }
    }

    @Override
    public void ping() throws IOException {
        guard.enter();
        try {
            checkConnected();
            try {
                sendPing();
            } catch (IOException e) {
                dropLink();
                throw e;
            }
        } finally {
            guard.exit();
        }
    }

    // ---------------------------------------------------------------- publish

    @Override
    public void publish(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        guard.enter();
        try {
            publishEntered(topic, msg, retain, qos);
        } finally {
            guard.exit();
        }
    }

    /** Caches the UTF-8 bytes of the last topic, so a constant topic String costs no allocation. */
    @Override
    public void publish(String topic, byte[] msg, boolean retain, int qos) throws IOException {
        Objects.requireNonNull(topic, "topic");
        guard.enter();
        try {
            if (topic != lastTopicString) {
                lastTopicBytes = topic.getBytes(StandardCharsets.UTF_8);
                lastTopicString = topic;
            }
            publishEntered(lastTopicBytes, msg, retain, qos);
        } finally {
            guard.exit();
        }
    }

    /** Both publish overloads, once the calling thread holds the guard. */
    private void publishEntered(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        Topics.checkName(topic, "publish topic");
        Objects.requireNonNull(msg, "msg");
        checkQos(qos);
        checkConnected();
        if (qos == 0) {
            try {
                writePublish(topic, msg, 0, retain, false, 0);
            } catch (IOException e) {
                dropLink();
                throw e;
            }
            return;
        }
        Session.Outbound o = session.add(topic, msg, qos, retain);
        try {
            writePublish(topic, msg, qos, retain, false, o.packetId);
            while (!o.complete) {
                awaitResponse(PacketType.name(qos == 1 ? PacketType.PUBACK : PacketType.PUBCOMP));
            }
        } catch (IOException e) {
            o.detach();
            dropLink();
            throw e;
        } catch (RuntimeException e) {
            o.detach(); // the callback failed during the wait; the message is still in flight
            throw e;
        }
    }

    // ---------------------------------------------------------------- subscribe

    @Override
    public int subscribe(byte[] topic, int qos) throws IOException {
        int code = subscribe(new byte[][] {topic}, new int[] {qos})[0];
        if (code == MqttException.SUBSCRIPTION_REFUSED) {
            throw new MqttException(MqttException.SUBSCRIPTION_REFUSED, "the server refused the subscription to '"
                    + new String(topic, StandardCharsets.UTF_8) + "' (SUBACK 0x80): check the broker's ACLs");
        }
        return code;
    }

    /** Sends all the filters in one SUBSCRIBE; refused filters come back as 0x80. */
    @Override
    public int[] subscribe(byte[][] topics, int[] qos) throws IOException {
        if (topics.length == 0 || topics.length != qos.length) {
            throw new IllegalArgumentException("subscribe needs one QoS per filter and at least one filter, but got "
                    + topics.length + " filters and " + qos.length + " QoS values");
        }
        List<Packet.Subscription> subscriptions = new ArrayList<>(topics.length);
        for (int i = 0; i < topics.length; i++) {
            Topics.checkFilter(topics[i]);
            checkQos(qos[i]);
            subscriptions.add(new Packet.Subscription(topics[i], qos[i]));
        }
        guard.enter();
        try {
            checkConnected();
            if (callback == null) {
                throw new IllegalStateException("subscribe needs a callback to deliver to: call setCallback(...) first");
            }
            return request(PacketType.SUBACK, new Packet.Subscribe(0, subscriptions));
        } finally {
            guard.exit();
        }
    }

    @Override
    public void unsubscribe(byte[] topic) throws IOException {
        Topics.checkFilter(topic);
        guard.enter();
        try {
            checkConnected();
            request(PacketType.UNSUBACK, new Packet.Unsubscribe(0, List.of(topic)));
        } finally {
            guard.exit();
        }
    }

    /**
     * Sends SUBSCRIBE or UNSUBSCRIBE with a fresh packet id and waits for its acknowledgement.
     *
     * @return the SUBACK return codes, one per filter (empty for UNSUBACK)
     */
    private int[] request(int ackType, Packet withoutId) throws IOException {
        int expected = withoutId instanceof Packet.Subscribe s ? s.subscriptions().size() : 0;
        Pending p = new Pending(session.takeControlId(), ackType, expected);
        pending.add(p);
        try {
            send(withoutId instanceof Packet.Subscribe s ? new Packet.Subscribe(p.packetId, s.subscriptions())
                    : new Packet.Unsubscribe(p.packetId, ((Packet.Unsubscribe) withoutId).filters()));
            while (p.result == null) {
                awaitResponse(PacketType.name(ackType));
            }
            return p.result;
        } catch (IOException e) {
            dropLink();
            throw e;
        } finally {
            pending.remove(p);
            session.releaseControlId(p.packetId);
        }
    }

    // ---------------------------------------------------------------- receive

    @Override
    public void setCallback(MessageCallback callback) {
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    @Override
    public void setLastWill(byte[] topic, byte[] msg, boolean retain, int qos) {
        Topics.checkName(topic, "will topic");
        Objects.requireNonNull(msg, "msg");
        checkQos(qos);
        if (msg.length > Topics.MAX_LENGTH) {
            throw new IllegalArgumentException("will message is " + msg.length + " bytes; MQTT 3.1.1 allows at most "
                    + Topics.MAX_LENGTH);
        }
        this.will = new Packet.Will(topic.clone(), msg.clone(), qos, retain);
    }

    @Override
    public void waitMsg() throws IOException {
        guard.enter();
        try {
            checkConnected();
            if (!deliverDeferred()) {
                pumpOrDrop(FOREVER);
            }
        } finally {
            guard.exit();
        }
    }

    @Override
    public boolean checkMsg() throws IOException {
        guard.enter();
        try {
            checkConnected();
            if (deliverDeferred()) {
                return true;
            }
            // A packet already under way is read whole (bounded by the response timeout); an idle
            // link is polled once, briefly.
            boolean underWay = reader.hasBuffered() || input.available() > 0;
            return pumpOrDrop(underWay ? responseTimeoutNanos : 0);
        } catch (IOException e) {
            dropLink();
            throw e;
        } finally {
            guard.exit();
        }
    }

    private boolean pumpOrDrop(long timeoutNanos) throws IOException {
        try {
            return pump(timeoutNanos);
        } catch (IOException e) {
            dropLink();
            throw e;
        }
    }

    /** Waits for the server while an acknowledgement is outstanding, bounded by the response timeout. */
    private void awaitResponse(String what) throws IOException {
        long left = lastReceived + responseTimeoutNanos - time.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("no " + what + " from " + server + ": nothing received for "
                    + Duration.ofNanos(responseTimeoutNanos).toMillis() + " ms; the link is presumed dead");
        }
        pump(left);
    }

    /**
     * Reads and handles one packet, keeping the connection alive meanwhile.
     *
     * @param timeoutNanos how long to wait; {@link #FOREVER} for no limit, 0 to poll once
     * @return false when the time ran out first
     */
    private boolean pump(long timeoutNanos) throws IOException {
        if (!readPacket(timeoutNanos, keepAliveNanos > 0)) {
            return false;
        }
        dispatch();
        return true;
    }

    /**
     * Reads one whole packet into the reader, sending PINGREQs as the keepalive requires (not
     * while waiting for CONNACK, where a missing answer is the connect timeout's to report).
     */
    private boolean readPacket(long timeoutNanos, boolean keepAlive) throws IOException {
        long start = time.nanoTime();
        boolean poll = timeoutNanos == 0;
        while (true) {
            long now = time.nanoTime();
            long wait = timeoutNanos == FOREVER ? Long.MAX_VALUE : timeoutNanos - (now - start);
            if (keepAlive) {
                wait = Math.min(wait, keepAlive(now));
            }
            if (wait <= 0 && !poll) {
                return false;
            }
            transport.setReadTimeout(wait == Long.MAX_VALUE ? 0 : (int) Math.min(Integer.MAX_VALUE,
                    Math.max(1, (wait + 999_999) / 1_000_000)));
            if (reader.next()) {
                lastReceived = time.nanoTime();
                return true;
            }
            if (poll) {
                if (keepAlive) {
                    keepAlive(time.nanoTime());
                }
                return false;
            }
        }
    }

    /**
     * Sends PINGREQ when the link has been quiet for the keepalive, fails when a PINGREQ went
     * unanswered for half the keepalive.
     *
     * @return nanoseconds until this needs to run again
     */
    private long keepAlive(long now) throws IOException {
        if (pingOutstanding) {
            long left = pingSent + keepAliveNanos / 2 - now;
            if (left <= 0) {
                throw new SocketTimeoutException("no PINGRESP from " + server + " within "
                        + Duration.ofNanos(keepAliveNanos / 2).toMillis() + " ms of PINGREQ: the link is dead");
            }
            return left;
        }
        // Ping at three quarters of the keepalive: the broker allows 1.5x, and a busy machine or a
        // slow link must not turn a ping sent "just in time" into a dropped connection.
        long due = Math.min(lastSent, lastReceived) + keepAliveNanos / 4 * 3 - now;
        if (due > 0) {
            return due;
        }
        sendPing();
        return keepAliveNanos / 2;
    }

    private void sendPing() throws IOException {
        send(new Packet.Empty(PacketType.PINGREQ));
        if (!pingOutstanding) {
            pingOutstanding = true;
            pingSent = lastSent;
        }
    }

    /** Handles the packet in the reader. */
    private void dispatch() throws IOException {
        int header = reader.header();
        int type = header >>> 4;
        byte[] buf = reader.buffer();
        int off = reader.bodyOffset();
        int len = reader.bodyLength();
        switch (type) {
            case PacketType.PUBLISH -> {
                Message m = Decoder.publishMessage(header, buf, off, len);
                int id = Decoder.publishPacketId(header, buf, off);
                reader.release();
                receive(m, id);
            }
            case PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBCOMP -> outboundAck(type,
                    Decoder.ackPacketId(header, buf, off, len));
            case PacketType.PUBREL -> {
                int id = Decoder.ackPacketId(header, buf, off, len);
                session.removeInbound(id);
                sendAck(PacketType.PUBCOMP, id);
            }
            case PacketType.SUBACK -> {
                Packet.Suback s = (Packet.Suback) Decoder.decode(header, buf, off, len);
                complete(type, s.packetId(), s.returnCodes().stream().mapToInt(Integer::intValue).toArray());
            }
            case PacketType.UNSUBACK -> complete(type, Decoder.ackPacketId(header, buf, off, len), new int[0]);
            case PacketType.PINGRESP -> {
                if (len != 0) {
                    Decoder.decode(header, buf, off, len); // throws: PINGRESP has no body
                }
                pingOutstanding = false;
            }
            default -> throw protocolError("the server sent " + PacketType.name(type)
                    + ", which only a client may send");
        }
    }

    private void outboundAck(int type, int id) throws IOException {
        Session.Outbound o = session.find(id);
        if (o == null) {
            throw protocolError("the server sent " + PacketType.name(type) + " for packet id " + id
                    + ", which is not in flight");
        }
        if (type == PacketType.PUBACK && o.qos == 1 || type == PacketType.PUBCOMP && o.qos == 2 && o.released) {
            session.complete(o);
        } else if (type == PacketType.PUBREC && o.qos == 2) {
            o.released = true;
            sendAck(PacketType.PUBREL, id);
        } else {
            throw protocolError("the server sent " + PacketType.name(type) + " for packet id " + id
                    + ", a QoS " + o.qos + " message" + (o.released ? " already released" : ""));
        }
    }

    private void complete(int ackType, int id, int[] result) throws MqttException {
        for (Pending p : pending) {
            if (p.packetId == id && p.ackType == ackType) {
                if (result.length != p.expected) {
                    throw protocolError(PacketType.name(ackType) + " carries " + result.length + " return codes for "
                            + p.expected + " filters");
                }
                p.result = result;
                return;
            }
        }
        throw protocolError("the server sent " + PacketType.name(ackType) + " for packet id " + id
                + ", which no request is waiting for");
    }

    /** An inbound PUBLISH: delivered now, or after the running callback returns (no nesting). */
    private void receive(Message m, int id) throws IOException {
        if (m.qos() == 2 && session.hasInbound(id)) {
            sendAck(PacketType.PUBREC, id); // a re-send of a message already delivered: exactly once
            return;
        }
        if (callbackDepth > 0) {
            if (m.qos() == 2) {
                session.addInbound(id);
            }
            deferred.add(new Deferred(m, id));
            return;
        }
        deliver(m, id);
    }

    private void deliver(Message m, int id) throws IOException {
        MessageCallback cb = callback;
        if (cb == null) {
            throw new IllegalStateException("a message arrived on '" + m.topicString() + "' but no callback is set: "
                    + "call setCallback(...) before connecting");
        }
        callbackDepth++;
        try {
            cb.onMessage(m);
        } finally {
            callbackDepth--;
        }
        if (m.qos() == 1) {
            sendAck(PacketType.PUBACK, id);
        } else if (m.qos() == 2) {
            session.addInbound(id);
            sendAck(PacketType.PUBREC, id);
        }
    }

    private boolean deliverDeferred() throws IOException {
        Deferred d = deferred.poll();
        if (d == null) {
            return false;
        }
        try {
            deliver(d.message, d.packetId);
        } catch (IOException e) {
            dropLink();
            throw e;
        }
        return true;
    }

    // ---------------------------------------------------------------- writing

    private void writePublish(byte[] topic, byte[] payload, int qos, boolean retain, boolean dup, int id)
            throws IOException {
        out.reset();
        Encoder.publishHeader(out, topic, qos, retain, dup, id, payload.length);
        if (payload.length <= INLINE_PAYLOAD) {
            out.put(payload, 0, payload.length);
            out.writeTo(output);
        } else {
            out.writeTo(output);
            output.write(payload);
        }
        output.flush();
        lastSent = time.nanoTime();
    }

    private void sendAck(int type, int id) throws IOException {
        out.reset();
        Encoder.ack(out, type, id);
        flushPacket();
    }

    private void send(Packet p) throws IOException {
        out.reset();
        Encoder.encode(p, out);
        flushPacket();
    }

    private void flushPacket() throws IOException {
        out.writeTo(output);
        output.flush();
        lastSent = time.nanoTime();
    }

    // ---------------------------------------------------------------- state

    /** Closes the transport after a failure or DISCONNECT; the session stays for connect(false). */
    private void dropLink() {
        Transport t = transport;
        transport = null;
        output = null;
        input = null;
        reader = null;
        pingOutstanding = false;
        for (Deferred d : deferred) {
            if (d.message.qos() == 2) {
                session.removeInbound(d.packetId); // never acknowledged: the broker will send it again
            }
        }
        deferred.clear();
        if (t != null) {
            try {
                t.close();
            } catch (IOException ignored) {
                // The link is being abandoned; there is nothing left to tell it.
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this client is closed: build a new one");
        }
    }

    private void checkConnected() {
        checkOpen();
        if (transport == null) {
            throw new IllegalStateException("not connected: call connect() first");
        }
    }

    private static void checkQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2 but was " + qos);
        }
    }

    private static MqttException protocolError(String what) {
        return new MqttException(MqttException.PROTOCOL_ERROR, "protocol error: " + what);
    }

    @Override
    public String toString() {
        return "SimpleClient[" + clientId + " @ " + server + (transport == null ? ", disconnected" : ", connected")
                + "]";
    }

    /** A message received during a publish made from the callback, delivered after the callback returns. */
    private record Deferred(Message message, int packetId) {
    }

    /** A SUBSCRIBE or UNSUBSCRIBE waiting for its acknowledgement. */
    private static final class Pending {
        final int packetId;
        final int ackType;
        final int expected;
        int[] result;

        Pending(int packetId, int ackType, int expected) {
            this.packetId = packetId;
            this.ackType = ackType;
            this.expected = expected;
        }
    }

    /** Builds a {@link SimpleClient}; only the server is required. */
    public static final class Builder {
        private String clientId = "";
        private URI server;
        private TransportProvider provider;
        private String user;
        private byte[] password;
        private int keepAliveSeconds;
        private TlsOptions tls = TlsOptions.builder().build();
        private Duration connectTimeout = TransportOptions.DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private int maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
        private TimeSource time = TimeSource.system();

        private Builder() {
        }

        /**
         * The client identifier (default empty: the broker assigns one, clean sessions only).
         *
         * @param clientId at most 65535 UTF-8 bytes
         * @return this builder
         */
        public Builder clientId(String clientId) {
            Objects.requireNonNull(clientId, "clientId");
            if (clientId.getBytes(StandardCharsets.UTF_8).length > Topics.MAX_LENGTH) {
                throw new IllegalArgumentException("clientId is longer than 65535 UTF-8 bytes");
            }
            this.clientId = clientId;
            return this;
        }

        /**
         * The server as a URI whose scheme picks the transport: {@code mqtt://host[:port]} (TCP,
         * 1883), {@code mqtts://} (TLS, 8883, needs umqtt.transport.tls), {@code ws://} and
         * {@code wss://} (needs umqtt.transport.websocket).
         *
         * @param uri the server
         * @return this builder
         * @throws IllegalArgumentException when the URI has no scheme or host
         */
        public Builder server(String uri) {
            Objects.requireNonNull(uri, "uri");
            URI parsed;
            try {
                parsed = new URI(uri);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("server '" + uri + "' is not a URI: " + e.getMessage()
                        + " (write it as mqtt://host:port)", e);
            }
            this.server = Transports.checkServerUri(parsed);
            return this;
        }

        /**
         * Uses this transport provider instead of looking one up by the URI's scheme.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder transport(TransportProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * The user name sent in CONNECT.
         *
         * @param user the user name
         * @return this builder
         */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /**
         * The password sent in CONNECT, as UTF-8. Needs {@link #user(String)}.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(String password) {
            return password(Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The password sent in CONNECT, as bytes (copied). Needs {@link #user(String)}.
         *
         * @param password at most 65535 bytes
         * @return this builder
         */
        public Builder password(byte[] password) {
            Objects.requireNonNull(password, "password");
            if (password.length > Topics.MAX_LENGTH) {
                throw new IllegalArgumentException("password is longer than 65535 bytes");
            }
            this.password = password.clone();
            return this;
        }

        /**
         * The keepalive: the client pings when the link is quiet this long, and the broker drops
         * the client after 1.5 times this without a packet. Whole seconds, 0 (off, the default) to
         * 65535 s; a fraction is rounded up.
         *
         * @param keepAlive the keepalive
         * @return this builder
         */
        public Builder keepAlive(Duration keepAlive) {
            Objects.requireNonNull(keepAlive, "keepAlive");
            long seconds = keepAlive.toSeconds() + (keepAlive.toSecondsPart() == 0 && keepAlive.getNano() > 0 ? 1 : 0);
            if (keepAlive.isNegative() || seconds > 65_535) {
                throw new IllegalArgumentException("keepAlive must be 0 to 65535 seconds but was " + keepAlive);
            }
            this.keepAliveSeconds = (int) seconds;
            return this;
        }

        /**
         * TLS settings for {@code mqtts://} and {@code wss://} (default: JDK trust store, host
         * name verified).
         *
         * @param tls the settings
         * @return this builder
         */
        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * The default for {@link #connect(boolean)}: how long opening the transport and waiting
         * for CONNACK may take (default 30 s).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long a wait for an acknowledgement (PUBACK, PUBCOMP, SUBACK, UNSUBACK) may go
         * without receiving anything from the server before the link is declared dead (default
         * 30 s). The keepalive usually detects a dead link sooner.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "responseTimeout");
            return this;
        }

        /**
         * Adds a request header for transports that send one (WebSocket's HTTP upgrade).
         *
         * @param name the header name
         * @param value the header value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The largest packet accepted from the server, fixed header included (default 32 MiB).
         * A larger one is refused with an {@link MqttException} before its body is read.
         *
         * @param bytes at least 16
         * @return this builder
         */
        public Builder maxPacketSize(int bytes) {
            if (bytes < 16) {
                throw new IllegalArgumentException("maxPacketSize must be at least 16 bytes but was " + bytes);
            }
            this.maxPacketSize = bytes;
            return this;
        }

        /**
         * Where the client takes "now" from (default {@link TimeSource#system()}). A simulation or a
         * test passes a virtual source together with a {@link #transport(TransportProvider) transport}
         * whose timed-out reads advance it.
         *
         * @param time the time source
         * @return this builder
         */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * Builds the client, finding the transport for the server's scheme.
         *
         * @return the client, not yet connected
         * @throws IllegalStateException when no server is set, or a password is set without a user
         * @throws IllegalArgumentException when no installed transport opens the server's scheme
         */
        public SimpleClient build() {
            if (server == null) {
                throw new IllegalStateException("no server: call server(\"mqtt://host:port\") before build()");
            }
            if (password != null && user == null) {
                throw new IllegalStateException("a password needs a user name in MQTT 3.1.1: call user(...) too");
            }
            if (provider == null) {
                provider = Transports.provider(server.getScheme());
            }
            return new SimpleClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive but was " + d);
            }
            return d;
        }
    }
}

package umqtt.simple;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import umqtt.api.AckListener;
import umqtt.api.MessageCallback;
import umqtt.api.MqttClient;
import umqtt.api.MqttException;
import umqtt.api.TlsOptions;
import umqtt.api.spi.TimeSource;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.TransportProvider;
import umqtt.api.spi.Transports;

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
 *     while (true) c.waitMsg();
 * }
 * }</pre>
 *
 * <p><b>Timing, without threads.</b> Every deadline is measured from the event it belongs to: an
 * acknowledgement is awaited for the response timeout (30 s) from its request's writing or the last
 * byte received; PINGREQ goes out once the link was quiet for ¾ of the keepalive, and a PINGRESP
 * missing ½ keepalive later means a dead link; any packet proves the link alive. The
 * {@linkplain umqtt.simple package documentation} has the details.
 *
 * <p><b>Publishing.</b> {@link #publish publish} waits one round trip per QoS 1/2 message;
 * {@link #send send} keeps {@link Builder#maxInFlight(int) maxInFlight} in flight (see the package).
 *
 * <p>Any {@link IOException} leaves the client disconnected, with its session (unacknowledged
 * QoS 1/2 publishes, QoS 2 ids) kept for the next {@link #connect(boolean) connect(false)}.
 */
public final class SimpleClient implements MqttClient {

    /** The largest inbound packet accepted unless configured: 32 MiB. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 32 * 1024 * 1024;
    /** How long an acknowledgement is awaited unless configured: 30 s. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** How many messages may wait while a callback's own request waits, unless configured: 1000. */
    public static final int DEFAULT_MAX_DEFERRED = 1000;
    /** How many sent QoS 1/2 messages may await acknowledgement at once, unless configured: 20. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 20;
    /** The largest in-flight window: half the packet ids, so subscribe and unsubscribe always find one. */
    public static final int MAX_IN_FLIGHT_LIMIT = 32_767;

    private final ClientSettings settings;
    private final Operations ops;
    private final TopicCache topics = new TopicCache();

    private SimpleClient(ClientSettings settings) {
        this.settings = settings;
        this.ops = new Operations(settings);
    }

    /** @return a new builder: {@link Builder#server(String)} is required, the rest have defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean connect(boolean cleanSession) throws IOException {
        return connect(cleanSession, settings.transportOptions().connectTimeout());
    }

    @Override
    public boolean connect(boolean cleanSession, Duration timeout) throws IOException {
        return ops.connect(cleanSession, timeout);
    }

    /** Sends DISCONNECT and closes the link; quiet when not connected or already closed. */
    @Override
    public void disconnect() throws IOException {
        ops.disconnect();
    }

    /** Closes the link at once, from any thread, without waiting for anything; the client cannot connect again. */
    @Override
    public void close() {
        ops.close();
    }

    /** Sends PINGREQ without waiting: its PINGRESP is consumed by whichever call reads next. */
    @Override
    public void ping() throws IOException {
        ops.ping();
    }

    @Override
    public void publish(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        ops.publishing().publish(topic, msg, retain, qos);
    }

    /** Caches the UTF-8 bytes of the last topic, so a constant topic String costs no allocation. */
    @Override
    public void publish(String topic, byte[] msg, boolean retain, int qos) throws IOException {
        publish(topics.bytes(topic), msg, retain, qos);
    }

    /** Publishes without waiting for more than a slot in the {@link Builder#maxInFlight(int) window}. */
    @Override
    public long send(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        return ops.publishing().send(topic, false, msg, retain, qos);
    }

    /** As {@link #send(byte[], byte[], boolean, int)}; a constant topic String costs no allocation. */
    @Override
    public long send(String topic, byte[] msg, boolean retain, int qos) throws IOException {
        return ops.publishing().send(topics.bytes(topic), true, msg, retain, qos);
    }

    @Override
    public boolean flush(Duration timeout) throws IOException {
        return ops.publishing().flush(timeout);
    }

    @Override
    public int inFlight() {
        return ops.publishing().inFlight();
    }

    @Override
    public void setAckListener(AckListener listener) {
        ops.publishing().setAckListener(listener);
    }

    @Override
    public int subscribe(byte[] topic, int qos) throws IOException {
        return ops.subscribe(topic, qos);
    }

    /** Sends all the filters in one SUBSCRIBE; refused filters come back as 0x80. */
    @Override
    public int[] subscribe(byte[][] topics, int[] qos) throws IOException {
        return ops.subscribe(topics, qos);
    }

    @Override
    public void unsubscribe(byte[] topic) throws IOException {
        ops.unsubscribe(topic);
    }

    @Override
    public void setCallback(MessageCallback callback) {
        ops.delivery().setCallback(Objects.requireNonNull(callback, "callback"));
    }

    @Override
    public void setLastWill(byte[] topic, byte[] msg, boolean retain, int qos) {
        ops.setLastWill(topic, msg, retain, qos);
    }

    @Override
    public void waitMsg() throws IOException {
        ops.waitMsg();
    }

    /** Handles a packet that has arrived already, or returns false at once (after one brief read). */
    @Override
    public boolean checkMsg() throws IOException {
        return ops.checkMsg();
    }

    /** The client id and the server without user info or query: nothing secret. */
    @Override
    public String toString() {
        return "SimpleClient[" + settings.clientId() + " @ " + settings.safeServer()
                + (ops.isConnected() ? ", connected" : ", disconnected") + "]";
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
        private int maxDeferred = DEFAULT_MAX_DEFERRED;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private boolean shared;
        private TimeSource time = TimeSource.system();

        private Builder() {
        }

        /**
         * The client identifier (default empty: the broker assigns one, clean sessions only).
         * @param clientId at most 65535 UTF-8 bytes, no U+0000, no unpaired surrogate
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = ClientSettings.checked(clientId, "clientId");
            return this;
        }

        /**
         * The server as a URI whose scheme picks the transport: {@code mqtt://host[:port]} (TCP,
         * 1883), {@code mqtts://} (TLS, 8883, needs umqtt.transport.tls), {@code ws://} and
         * {@code wss://} (needs umqtt.transport.websocket). User info and query never appear in
         * messages or {@code toString}.
         * @param uri the server
         * @return this builder
         * @throws IllegalArgumentException when the URI has no scheme or host
         */
        public Builder server(String uri) {
            this.server = ClientSettings.serverUri(uri);
            return this;
        }

        /**
         * @param provider the transport to use instead of the one the URI's scheme names
         * @return this builder
         */
        public Builder transport(TransportProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * @param user the user name sent in CONNECT: at most 65535 UTF-8 bytes, no U+0000
         * @return this builder
         */
        public Builder user(String user) {
            this.user = ClientSettings.checked(user, "user");
            return this;
        }

        /**
         * @param password the password sent in CONNECT, as UTF-8; needs {@link #user(String)}
         * @return this builder
         */
        public Builder password(String password) {
            return password(Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The password sent in CONNECT, as bytes (copied). Needs {@link #user(String)}.
         * @param password at most 65535 bytes
         * @return this builder
         */
        public Builder password(byte[] password) {
            this.password = Objects.requireNonNull(password, "password").clone(); // its length is checked by build()
            return this;
        }

        /**
         * The keepalive: the client pings when the link is quiet for three quarters of it, and
         * the broker drops the client after 1.5 times it without a packet. Whole seconds, 0 (off,
         * the default) to 65535 s; a fraction of a second is rounded up (1.5 s is 2 s).
         * @param keepAlive the keepalive
         * @return this builder
         */
        public Builder keepAlive(Duration keepAlive) {
            this.keepAliveSeconds = ClientSettings.keepAliveSeconds(keepAlive);
            return this;
        }

        /**
         * @param tls TLS settings for {@code mqtts://} and {@code wss://} (default: JDK trust store,
         *     host name verified)
         * @return this builder
         */
        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * The default for {@link #connect(boolean)}: how long opening the transport and waiting
         * for CONNACK may take (default 30 s).
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = ClientSettings.positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long an acknowledgement (PUBACK, PUBCOMP, SUBACK, UNSUBACK) is awaited, from when
         * its request was written or the last byte arrived, whichever is later (default 30 s).
         * @param timeout positive
         * @return this builder
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = ClientSettings.positive(timeout, "responseTimeout");
            return this;
        }

        /**
         * Adds a request header for transports that send one (WebSocket's HTTP upgrade).
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
         * @param bytes at least 16
         * @return this builder
         */
        public Builder maxPacketSize(int bytes) {
            this.maxPacketSize = ClientSettings.inRange("maxPacketSize", bytes, 16, Integer.MAX_VALUE);
            return this;
        }

        /**
         * How many messages may arrive and wait while the callback's own publish or subscribe
         * waits for its answer (default 1000; and at most {@link #maxPacketSize(int)} bytes of
         * them). When they are full, the client reads no more until the callback returns, so a
         * flooding server meets TCP back-pressure instead of an unbounded buffer.
         * @param messages at least 1
         * @return this builder
         */
        public Builder maxDeferred(int messages) {
            this.maxDeferred = ClientSettings.inRange("maxDeferred", messages, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * The in-flight window of {@link SimpleClient#send send}: how many QoS 1/2 messages may
         * await acknowledgement at once (default {@value SimpleClient#DEFAULT_MAX_IN_FLIGHT}). Sending
         * over a link with round trip {@code r} reaches at most {@code maxInFlight / r} messages a
         * second; each message in flight holds a copy of its topic and payload. 1 makes every send
         * wait for its acknowledgement, as {@code publish} does.
         * @param messages 1 to {@value SimpleClient#MAX_IN_FLIGHT_LIMIT}
         * @return this builder
         */
        public Builder maxInFlight(int messages) {
            this.maxInFlight = ClientSettings.inRange("maxInFlight", messages, 1, MAX_IN_FLIGHT_LIMIT);
            return this;
        }

        /**
         * Lets any number of threads call the client at once (default false: a second thread is
         * misuse, reported with an {@link IllegalStateException}). Typically one thread runs the
         * {@code waitMsg()} loop while others {@code publish} and {@code send}; a thread that waits
         * for an answer reads only while no other thread does, and no thread is started. Messages
         * and acknowledgements go to the callback and the listener one at a time, on whichever
         * thread is reading. Costs a lock per call.
         * @param shared whether threads share the client
         * @return this builder
         */
        public Builder shared(boolean shared) {
            this.shared = shared;
            return this;
        }

        /**
         * Where the client takes "now" from (default {@link TimeSource#system()}). A simulation or
         * a test passes a virtual source with a {@link #transport(TransportProvider) transport}
         * whose timed-out reads advance it.
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
         * @throws IllegalArgumentException when the password is over 65535 bytes, or no installed
         *     transport opens the server's scheme
         */
        public SimpleClient build() {
            return new SimpleClient(new ClientSettings(clientId, server, ClientSettings.provider(server, provider),
                    new TransportOptions(connectTimeout, tls, headers), user, password, keepAliveSeconds,
                    responseTimeout.toNanos(), maxPacketSize, maxDeferred, maxInFlight, shared, time));
        }
    }
}

package umqtt.mqtt5;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import umqtt.api.AckListener;
import umqtt.api.MessageCallback;
import umqtt.api.MqttClient;
import umqtt.api.TlsOptions;
import umqtt.api.spi.TimeSource;
import umqtt.api.spi.TransportProvider;

/**
 * The blocking MQTT 5.0 client: one object that publishes and subscribes, with no threads of its
 * own, the same model as the 3.1.1 {@code SimpleClient}. As an {@link MqttClient} it works
 * wherever that one does (RobustClient, the CLI); the methods below add what 5.0 brings.
 *
 * <p>Timing and the in-flight window follow the 3.1.1 client's rules (see {@code umqtt.simple}'s
 * package documentation); the window is the smaller of {@code maxInFlight} and the server's Receive
 * Maximum. Every limit of the server's CONNACK is honoured before a packet is written: a publish
 * over Maximum QoS, a retained publish without Retain Available, a packet over the server's Maximum
 * Packet Size, a wildcard, shared or identified subscription the server does not support: each is
 * an {@link IllegalArgumentException} and nothing is sent. A refusal by the server (reason 0x80 or
 * above) is a {@link Mqtt5Exception} with the reason and the server's Reason String; a server
 * DISCONNECT fails the call that reads it with a {@link Mqtt5Exception} naming its reason, the
 * link is dropped and the session kept.
 *
 * <p>One thread at a time uses a client unless it was built with {@code shared(true)}: then any
 * number of threads call it at once, one of them reading for all while it waits.
 */
public final class Mqtt5Client implements MqttClient {

    /** How many QoS 1/2 messages the client accepts in flight from the server unless configured (Receive Maximum). */
    public static final int DEFAULT_RECEIVE_MAXIMUM = 100;
    /** How many topic aliases the server may use towards the client unless configured. */
    public static final int DEFAULT_TOPIC_ALIAS_MAXIMUM = 32;
    /** A Session Expiry Interval that never expires. */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    private final Engine engine;
    private final Outgoing outgoing;
    private final Subscriptions subscriptions;
    private final FilterOptions filterOptions = new FilterOptions(); // see subscriptionOptions

    private Mqtt5Client(Config config) {
        this.engine = new Engine(config);
        this.outgoing = new Outgoing(engine);
        this.subscriptions = engine.subscriptions;
    }

    /** Names the client and its server; never the password or authentication data. */
    @Override
    public String toString() {
        return engine.config.toString();
    }

    /** @return a new builder: {@link Builder#server(String)} is required, the rest have defaults */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- MqttClient

    /**
     * Connects with Clean Start = {@code cleanSession}. Unless the builder set a
     * {@link Builder#sessionExpiry(Duration) session expiry}, the 3.1.1 meaning is kept, so code
     * written for 3.1.1 (RobustClient's no-loss promise) works unchanged: {@code connect(true)}
     * sends Session Expiry 0 (the session ends with the link), {@code connect(false)} sends
     * {@link #NEVER_EXPIRES}.
     */
    @Override
    public boolean connect(boolean cleanSession) throws IOException {
        return connect(cleanSession, engine.config.connectTimeout);
    }

    @Override
    public boolean connect(boolean cleanSession, Duration timeout) throws IOException {
        return engine.connect(cleanSession, timeout, outgoing).sessionPresent();
    }

    @Override
    public void disconnect() throws IOException {
        engine.disconnect(ReasonCode.NORMAL_DISCONNECTION, -1, null, List.of());
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public void ping() throws IOException {
        engine.enter();
        try {
            Link c = engine.connected();
            try {
                engine.ping(c);
            } catch (IOException e) {
                engine.dropLink(c);
                throw e;
            }
        } finally {
            engine.exit();
        }
    }

    @Override
    public void publish(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        outgoing.publish(topic, msg, retain, qos, PublishProperties.NONE);
    }

    /** As the byte[] form; a constant topic String is encoded once, so this allocates nothing per message. */
    @Override
    public void publish(String topic, byte[] msg, boolean retain, int qos) throws IOException {
        outgoing.publish(outgoing.topicBytes(topic), msg, retain, qos, PublishProperties.NONE);
    }

    /** As the byte[] form; a constant topic String is encoded once. */
    @Override
    public long send(String topic, byte[] msg, boolean retain, int qos) throws IOException {
        return outgoing.send(outgoing.topicBytes(topic), msg, retain, qos, PublishProperties.NONE);
    }

    @Override
    public long send(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        return outgoing.send(topic, msg, retain, qos, PublishProperties.NONE);
    }

    @Override
    public boolean flush(Duration timeout) throws IOException {
        return outgoing.flush(timeout);
    }

    @Override
    public int inFlight() {
        return engine.session.inFlight();
    }

    @Override
    public void setAckListener(AckListener listener) {
        engine.session.listener(java.util.Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public int subscribe(byte[] topic, int qos) throws IOException {
        return subscribeOne(filterOptions.options(topic, qos), filterOptions.identifier(topic));
    }

    @Override
    public int[] subscribe(byte[][] topics, int[] qos) throws IOException {
        if (topics.length != qos.length) {
            throw new IllegalArgumentException("subscribe needs one QoS per filter, but got " + topics.length
                    + " filters and " + qos.length + " QoS values");
        }
        return filterOptions.subscribe(subscriptions, topics, qos);
    }

    @Override
    public void unsubscribe(byte[] topic) throws IOException {
        int code = unsubscribe(List.of(topic), List.of())[0];
        if (ReasonCode.isFailure(code)) {
            throw WireProperties.failure(code, subscriptions.lastAnswer().properties(), "the server refused to "
                    + "unsubscribe '" + TopicNames.show(topic) + "'", null);
        }
    }

    @Override
    public void setCallback(MessageCallback callback) {
        engine.inbox.callback(callback);
    }

    @Override
    public void setLastWill(byte[] topic, byte[] msg, boolean retain, int qos) {
        setLastWill(topic, msg, retain, qos, PublishProperties.NONE, Duration.ZERO);
    }

    @Override
    public void waitMsg() throws IOException {
        engine.receive(Link.NO_DEADLINE);
    }

    @Override
    public boolean checkMsg() throws IOException {
        return engine.receive(Engine.POLL);
    }

    // ---------------------------------------------------------------- MQTT 5

    /**
     * Waits for one packet at most {@code timeout}, handling it as {@link #waitMsg()} does (and
     * keeping the link alive meanwhile).
     *
     * @return true when a packet was handled, false when the timeout passed first
     */
    public boolean waitMsg(Duration timeout) throws IOException {
        Config.positive(timeout, "timeout");
        return engine.receive(engine.time.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4));
    }

    /** @return the last CONNACK, with every limit the server set; null before the first connect */
    public Connack connack() {
        return engine.connack();
    }

    /**
     * Publishes with properties; waits for PUBACK (QoS 1) or PUBCOMP (QoS 2) as {@code publish} does.
     *
     * @return the reason code: 0x00 Success, or 0x10 No matching subscribers (QoS 0: always 0x00)
     * @throws Mqtt5Exception when the server refused the message (reason 0x80 or above), with its
     *     Reason String
     */
    public int publish(byte[] topic, byte[] msg, boolean retain, int qos, PublishProperties properties)
            throws IOException {
        return outgoing.publish(topic, msg, retain, qos, properties);
    }

    /** As {@link #publish(byte[], byte[], boolean, int, PublishProperties)} with a String topic. */
    public int publish(String topic, byte[] msg, boolean retain, int qos, PublishProperties properties)
            throws IOException {
        return outgoing.publish(outgoing.topicBytes(topic), msg, retain, qos, properties);
    }

    /**
     * Sends within the in-flight window (the smaller of {@code maxInFlight} and the server's
     * Receive Maximum), with properties; a refusal reaches the {@link AckListener} as a
     * {@link Mqtt5Exception}.
     */
    public long send(byte[] topic, byte[] msg, boolean retain, int qos, PublishProperties properties)
            throws IOException {
        return outgoing.send(topic, msg, retain, qos, properties);
    }

    /**
     * Subscribes one filter with its options.
     *
     * @return the granted QoS
     * @throws Mqtt5Exception when the server refused it, with its reason code and Reason String
     */
    public int subscribe(Subscription subscription) throws IOException {
        return subscribeOne(subscription, 0);
    }

    private int subscribeOne(Subscription subscription, int identifier) throws IOException {
        int code = subscribe(List.of(subscription), identifier, List.of())[0];
        if (ReasonCode.isFailure(code)) {
            throw WireProperties.failure(code, subscriptions.lastAnswer().properties(), "the server refused the "
                    + "subscription to '" + subscription.filterString() + "'", "check the broker's ACLs and limits");
        }
        return code;
    }

    /**
     * Subscribes several filters in one SUBSCRIBE.
     *
     * @param subscriptions the filters and their options
     * @param subscriptionIdentifier 1 to 268,435,455, delivered with every message these filters
     *     match; 0 for none
     * @param userProperties User Properties to send (empty for none)
     * @return one reason code per filter: the granted QoS (0 to 2) or a failure (0x80 and above)
     */
    public int[] subscribe(List<Subscription> subscriptions, int subscriptionIdentifier,
            List<UserProperty> userProperties) throws IOException {
        return filterOptions.remembered(subscriptions, subscriptionIdentifier,
                this.subscriptions.subscribe(subscriptions, subscriptionIdentifier, userProperties));
    }

    /**
     * Unsubscribes several filters in one UNSUBSCRIBE.
     *
     * @return one reason code per filter: 0x00 Success, 0x11 No subscription existed, or a failure
     */
    public int[] unsubscribe(List<byte[]> filters, List<UserProperty> userProperties) throws IOException {
        return subscriptions.unsubscribe(filters, userProperties);
    }

    /** Sets the callback that receives messages with their properties (replaces a {@link MessageCallback}). */
    public void setCallback(Mqtt5Callback callback) {
        engine.inbox.callback(callback);
    }

    /**
     * Sets the will with its properties, sent in the next CONNECT.
     *
     * @param properties payload format, message expiry, content type, response topic, correlation
     *     data, user properties
     * @param delay the Will Delay Interval: how long the server waits after the link is lost
     *     before it publishes the will (zero for at once)
     */
    public void setLastWill(byte[] topic, byte[] msg, boolean retain, int qos, PublishProperties properties,
            Duration delay) {
        engine.will(Handshake.will(topic, msg, retain, qos, properties, delay));
    }

    /**
     * Sends DISCONNECT with a reason and closes the link.
     *
     * @param reasonCode 0x00 Normal disconnection, 0x04 Disconnect with Will Message, or another
     *     client reason of the standard
     * @param sessionExpiry a new Session Expiry Interval in seconds, or -1 to leave it as it is (a
     *     session connected with expiry 0 cannot be given one now: MQTT-3.14.2-2)
     * @param reasonString a Reason String, or null
     * @param userProperties User Properties (empty for none)
     */
    public void disconnect(int reasonCode, long sessionExpiry, String reasonString, List<UserProperty> userProperties)
            throws IOException {
        if (sessionExpiry < -1 || sessionExpiry > NEVER_EXPIRES) {
            throw new IllegalArgumentException("session expiry must be -1 (unchanged) or 0 to 4294967295 seconds but was "
                    + sessionExpiry);
        }
        engine.disconnect(reasonCode, sessionExpiry, reasonString, userProperties);
    }

    /**
     * Re-authenticates on the live link with the builder's {@link Authenticator} (AUTH with reason
     * Re-authenticate), waiting for the server's AUTH Success.
     */
    public void reauthenticate() throws IOException {
        engine.reauthenticate();
    }

    /** Declares the options and identifier (0: none) with which the 3.1.1 subscribe methods subscribe
     * this filter, as RobustClient's renewals do (see the {@linkplain umqtt.mqtt5 package}). */
    public void subscriptionOptions(Subscription options, int subscriptionIdentifier) {
        filterOptions.declare(options, subscriptionIdentifier);
    }

    /** Builds an {@link Mqtt5Client}; only the server is required. Same options as SimpleClient's builder, plus 5.0's. */
    public static final class Builder {
        private final Config c = new Config();

        private Builder() {
        }

        /** The client identifier (default empty: the server assigns one, kept for the session's later connects). */
        public Builder clientId(String clientId) { c.clientId(clientId); return this; }
        /** The server, e.g. {@code mqtt://host:1883} or {@code mqtts://host:8883}. */
        public Builder server(String uri) { c.server(uri); return this; }
        /** The transport, instead of the one installed for the server's scheme. */
        public Builder transport(TransportProvider provider) { c.transport(provider); return this; }
        /** The user name. */
        public Builder user(String user) { c.user(user); return this; }
        /** The password, as UTF-8 (never shown in messages or toString). */
        public Builder password(String password) {
            return password(java.util.Objects.requireNonNull(password, "password")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        /** The password (copied; MQTT 5 allows one without a user name). */
        public Builder password(byte[] password) { c.password(password); return this; }
        /** The keepalive (default 0: off; a Server Keep Alive in CONNACK replaces it). */
        public Builder keepAlive(Duration keepAlive) { c.keepAlive(keepAlive); return this; }
        /** TLS options for {@code mqtts://} and {@code wss://}. */
        public Builder tls(TlsOptions tls) { c.tls(tls); return this; }
        /** How long connect may take (default 30 s). */
        public Builder connectTimeout(Duration timeout) { c.connectTimeout(timeout); return this; }
        /** How long an acknowledgement is awaited (default 30 s). */
        public Builder responseTimeout(Duration timeout) { c.responseTimeout(timeout); return this; }
        /** An HTTP header for WebSocket transports. */
        public Builder header(String name, String value) { c.header(name, value); return this; }
        /** Also sent as the Maximum Packet Size property. */
        public Builder maxPacketSize(int bytes) { c.maxPacketSize(bytes); return this; }
        /** How many messages are held while the callback's own request waits (default 1000; at most maxPacketSize bytes). */
        public Builder maxDeferred(int messages) { c.maxDeferred(messages); return this; }
        /** The send window; the server's Receive Maximum caps it further. */
        public Builder maxInFlight(int messages) { c.maxInFlight(messages); return this; }
        /** Whether several threads may call the client at once (default false: one thread, misuse reported). */
        public Builder shared(boolean shared) { c.shared(shared); return this; }
        /** Where "now" comes from (default the system clock). */
        public Builder timeSource(TimeSource time) { c.timeSource(time); return this; }
        /** Session Expiry Interval sent in every CONNECT (default: 0 with connect(true), never with connect(false)); {@link #NEVER_EXPIRES} seconds for never. */
        public Builder sessionExpiry(Duration expiry) { c.sessionExpiry(expiry); return this; }
        /** Receive Maximum sent in CONNECT: QoS 1/2 messages the server may have in flight to us (default 100). */
        public Builder receiveMaximum(int messages) { c.receiveMaximum(messages); return this; }
        /** Topic Alias Maximum sent in CONNECT: aliases the server may use towards us (default 32; 0 for none). */
        public Builder topicAliasMaximum(int aliases) { c.topicAliasMaximum(aliases); return this; }
        /** Whether the client uses topic aliases towards the server, within the server's maximum (default true). */
        public Builder outboundTopicAliases(boolean use) { c.outboundTopicAliases(use); return this; }
        /** Request Response Information (default false). */
        public Builder requestResponseInformation(boolean request) { c.requestResponseInformation(request); return this; }
        /** Request Problem Information (default true: reason strings and user properties on failures). */
        public Builder requestProblemInformation(boolean request) { c.requestProblemInformation(request); return this; }
        /** Adds a User Property to CONNECT. */
        public Builder userProperty(String name, String value) { c.userProperty(name, value); return this; }
        /** Enhanced authentication with this authenticator (Authentication Method and Data in CONNECT, then AUTH). */
        public Builder authenticator(Authenticator authenticator) { c.authenticator(authenticator); return this; }
        /**
         * @return a client with these settings, not connected
         * @throws IllegalStateException without a server
         */
        public Mqtt5Client build() {
            return new Mqtt5Client(c.freeze());
        }
    }
}

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
 * <p>SKELETON: the public surface is fixed; the implementation is in progress.
 */
public final class Mqtt5Client implements MqttClient {

    /** How many QoS 1/2 messages the client accepts in flight from the server unless configured (Receive Maximum). */
    public static final int DEFAULT_RECEIVE_MAXIMUM = 100;
    /** How many topic aliases the server may use towards the client unless configured. */
    public static final int DEFAULT_TOPIC_ALIAS_MAXIMUM = 32;
    /** A Session Expiry Interval that never expires. */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    /** How filters subscribed through the 3.1.1 methods are subscribed (see {@link #subscriptionOptions}). */
    private final FilterOptions filterOptions = new FilterOptions();

    private Mqtt5Client() {
    }

    /** @return a new builder: {@link Builder#server(String)} is required, the rest have defaults */
    public static Builder builder() {
        return new Builder();
    }

    private static UnsupportedOperationException todo() {
        return new UnsupportedOperationException("in progress");
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
        throw todo();
    }

    @Override
    public boolean connect(boolean cleanSession, Duration timeout) throws IOException {
        throw todo();
    }

    @Override
    public void disconnect() throws IOException {
        throw todo();
    }

    @Override
    public void close() {
    }

    @Override
    public void ping() throws IOException {
        throw todo();
    }

    @Override
    public void publish(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        throw todo();
    }

    @Override
    public long send(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        throw todo();
    }

    @Override
    public boolean flush(Duration timeout) throws IOException {
        throw todo();
    }

    @Override
    public int inFlight() {
        return 0;
    }

    @Override
    public void setAckListener(AckListener listener) {
    }

    @Override
    public int subscribe(byte[] topic, int qos) throws IOException {
        throw todo();
    }

    @Override
    public int[] subscribe(byte[][] topics, int[] qos) throws IOException {
        throw todo();
    }

    @Override
    public void unsubscribe(byte[] topic) throws IOException {
        throw todo();
    }

    @Override
    public void setCallback(MessageCallback callback) {
    }

    @Override
    public void setLastWill(byte[] topic, byte[] msg, boolean retain, int qos) {
    }

    @Override
    public void waitMsg() throws IOException {
        throw todo();
    }

    @Override
    public boolean checkMsg() throws IOException {
        throw todo();
    }

    // ---------------------------------------------------------------- MQTT 5

    /**
     * Waits for one packet at most {@code timeout}, handling it as {@link #waitMsg()} does (and
     * keeping the link alive meanwhile).
     *
     * @return true when a packet was handled, false when the timeout passed first
     */
    public boolean waitMsg(Duration timeout) throws IOException {
        throw todo();
    }

    /** @return the last CONNACK, with every limit the server set; null before the first connect */
    public Connack connack() {
        return null;
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
        throw todo();
    }

    /** As {@link #publish(byte[], byte[], boolean, int, PublishProperties)} with a String topic. */
    public int publish(String topic, byte[] msg, boolean retain, int qos, PublishProperties properties)
            throws IOException {
        throw todo();
    }

    /**
     * Sends within the in-flight window (the smaller of {@code maxInFlight} and the server's
     * Receive Maximum), with properties; a refusal reaches the {@link AckListener} as a
     * {@link Mqtt5Exception}.
     */
    public long send(byte[] topic, byte[] msg, boolean retain, int qos, PublishProperties properties)
            throws IOException {
        throw todo();
    }

    /**
     * Subscribes one filter with its options.
     *
     * @return the granted QoS
     * @throws Mqtt5Exception when the server refused it, with its reason code and Reason String
     */
    public int subscribe(Subscription subscription) throws IOException {
        throw todo();
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
        throw todo();
    }

    /**
     * Unsubscribes several filters in one UNSUBSCRIBE.
     *
     * @return one reason code per filter: 0x00 Success, 0x11 No subscription existed, or a failure
     */
    public int[] unsubscribe(List<byte[]> filters, List<UserProperty> userProperties) throws IOException {
        throw todo();
    }

    /** Sets the callback that receives messages with their properties (replaces a {@link MessageCallback}). */
    public void setCallback(Mqtt5Callback callback) {
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
        throw todo();
    }

    /**
     * Re-authenticates on the live link with the builder's {@link Authenticator} (AUTH with reason
     * Re-authenticate), waiting for the server's AUTH Success.
     */
    public void reauthenticate() throws IOException {
        throw todo();
    }

    /**
     * Declares how {@code filter} is subscribed when it comes through the 3.1.1 methods
     * {@link #subscribe(byte[], int)} and {@link #subscribe(byte[][], int[])}: with these options and
     * this Subscription Identifier (the QoS of that call wins over the one here). Subscribing through
     * {@link #subscribe(Subscription)} or {@link #subscribe(List, int, List)} sets them too; a filter
     * keeps them until subscribed again with others, also across unsubscribing. Sends nothing.
     *
     * <p>This is how a {@code RobustClient} over this client subscribes with options, and renews a
     * lost session's subscriptions with them (it knows only the 3.1.1 methods):
     * <pre>{@code
     * Mqtt5Client m5 = Mqtt5Client.builder().server(uri).clientId("c1").build();
     * m5.subscriptionOptions(Subscription.of("cmd/#", 1).withNoLocal(), 7);
     * m5.setCallback((message, properties) -> handle(message, properties)); // on the delegate
     * RobustClient robust = RobustClient.wrap(m5);
     * robust.connect(false);
     * robust.subscribe("cmd/#", 1); // No Local, identifier 7; renewed the same way after a lost session
     * }</pre>
     * (Declare them on every delegate; set the {@link Mqtt5Callback} on the delegates, since a
     * {@code MessageCallback} set through the RobustClient replaces it.)
     *
     * @param options the filter and its options (its QoS is used only by the 5.0 methods)
     * @param subscriptionIdentifier 1 to 268,435,455, or 0 for none
     */
    public void subscriptionOptions(Subscription options, int subscriptionIdentifier) {
        java.util.Objects.requireNonNull(options, "options");
        if (subscriptionIdentifier < 0 || subscriptionIdentifier > 268_435_455) {
            throw new IllegalArgumentException("a subscription identifier is 1 to 268435455 (0 for none) but was "
                    + subscriptionIdentifier);
        }
        filterOptions.remember(List.of(options), subscriptionIdentifier);
    }

    /** Builds an {@link Mqtt5Client}; only the server is required. Same options as SimpleClient's builder, plus 5.0's. */
    public static final class Builder {
        private Builder() {
        }

        public Builder clientId(String clientId) { return this; }
        public Builder server(String uri) { return this; }
        public Builder transport(TransportProvider provider) { return this; }
        public Builder user(String user) { return this; }
        public Builder password(String password) { return this; }
        public Builder password(byte[] password) { return this; }
        public Builder keepAlive(Duration keepAlive) { return this; }
        public Builder tls(TlsOptions tls) { return this; }
        public Builder connectTimeout(Duration timeout) { return this; }
        public Builder responseTimeout(Duration timeout) { return this; }
        public Builder header(String name, String value) { return this; }
        /** Also sent as the Maximum Packet Size property. */
        public Builder maxPacketSize(int bytes) { return this; }
        public Builder maxDeferred(int messages) { return this; }
        /** The send window; the server's Receive Maximum caps it further. */
        public Builder maxInFlight(int messages) { return this; }
        public Builder shared(boolean shared) { return this; }
        public Builder timeSource(TimeSource time) { return this; }

        /** Session Expiry Interval sent in every CONNECT (default: 0 with connect(true), never with connect(false)); {@link #NEVER_EXPIRES} seconds for never. */
        public Builder sessionExpiry(Duration expiry) { return this; }
        /** Receive Maximum sent in CONNECT: QoS 1/2 messages the server may have in flight to us (default 100). */
        public Builder receiveMaximum(int messages) { return this; }
        /** Topic Alias Maximum sent in CONNECT: aliases the server may use towards us (default 32; 0 for none). */
        public Builder topicAliasMaximum(int aliases) { return this; }
        /** Whether the client uses topic aliases towards the server, within the server's maximum (default true). */
        public Builder outboundTopicAliases(boolean use) { return this; }
        /** Request Response Information (default false). */
        public Builder requestResponseInformation(boolean request) { return this; }
        /** Request Problem Information (default true: reason strings and user properties on failures). */
        public Builder requestProblemInformation(boolean request) { return this; }
        /** Adds a User Property to CONNECT. */
        public Builder userProperty(String name, String value) { return this; }
        /** Enhanced authentication with this authenticator (Authentication Method and Data in CONNECT, then AUTH). */
        public Builder authenticator(Authenticator authenticator) { return this; }

        public Mqtt5Client build() {
            throw todo();
        }
    }
}

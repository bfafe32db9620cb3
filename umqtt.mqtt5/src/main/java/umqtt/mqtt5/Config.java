package umqtt.mqtt5;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import umqtt.api.TlsOptions;
import umqtt.api.spi.TimeSource;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.TransportProvider;
import umqtt.api.spi.Transports;

/**
 * What an {@link Mqtt5Client} is built with. The builder checks each value as it is set; the
 * client gets a copy, so a builder reused afterwards changes nothing.
 */
final class Config implements Cloneable {

    static final int DEFAULT_MAX_PACKET_SIZE = 32 * 1024 * 1024;
    static final int DEFAULT_MAX_DEFERRED = 1000;
    static final int DEFAULT_MAX_IN_FLIGHT = 20;
    static final int MAX_IN_FLIGHT_LIMIT = 65_535;
    /** No session expiry set on the builder: connect(true) sends 0, connect(false) never. */
    static final long EXPIRY_UNSET = -1;

    String clientId = "";
    URI server;
    TransportProvider provider;
    String user;
    byte[] password;
    int keepAliveSeconds;
    TlsOptions tls = TlsOptions.builder().build();
    Duration connectTimeout = TransportOptions.DEFAULT_CONNECT_TIMEOUT;
    long responseTimeoutNanos = Duration.ofSeconds(30).toNanos();
    Map<String, String> headers = new LinkedHashMap<>();
    int maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
    int maxDeferred = DEFAULT_MAX_DEFERRED;
    int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    TimeSource time = TimeSource.system();
    boolean shared;
    long sessionExpiry = EXPIRY_UNSET;
    int receiveMaximum = Mqtt5Client.DEFAULT_RECEIVE_MAXIMUM;
    int topicAliasMaximum = Mqtt5Client.DEFAULT_TOPIC_ALIAS_MAXIMUM;
    boolean outboundTopicAliases = true;
    boolean requestResponseInformation;
    boolean requestProblemInformation = true;
    List<UserProperty> userProperties = new ArrayList<>();
    Authenticator authenticator;

    void clientId(String clientId) {
        checkString(clientId, "clientId");
        this.clientId = clientId;
    }

    void server(String uri) {
        java.util.Objects.requireNonNull(uri, "uri");
        try {
            this.server = Transports.checkServerUri(new URI(uri));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("server is not a URI: " + e.getReason() + " (write it as mqtt://host:port)");
        }
    }

    void transport(TransportProvider provider) {
        this.provider = java.util.Objects.requireNonNull(provider, "provider");
    }

    void user(String user) {
        checkString(user, "user");
        this.user = user;
    }

    void password(byte[] password) {
        if (password.length > 65_535) {
            throw new IllegalArgumentException("password is " + password.length + " bytes; MQTT allows 65535");
        }
        this.password = password.clone();
    }

    void keepAlive(Duration keepAlive) {
        long s = keepAlive.toSeconds() + (keepAlive.getNano() > 0 ? 1 : 0);
        this.keepAliveSeconds = Config.inRange("keepAlive seconds", keepAlive.isNegative() ? -1 : s, 0, 65_535);
    }

    void tls(TlsOptions tls) {
        this.tls = java.util.Objects.requireNonNull(tls, "tls");
    }

    void connectTimeout(Duration timeout) {
        this.connectTimeout = Config.positive(timeout, "connectTimeout");
    }

    void responseTimeout(Duration timeout) {
        this.responseTimeoutNanos = Config.positive(timeout, "responseTimeout").toNanos();
    }

    void header(String name, String value) {
        this.headers.put(java.util.Objects.requireNonNull(name, "name"), java.util.Objects.requireNonNull(value, "value"));
    }

    void maxPacketSize(int bytes) {
        this.maxPacketSize = Config.inRange("maxPacketSize", bytes, 16, Integer.MAX_VALUE);
    }

    void maxDeferred(int messages) {
        this.maxDeferred = Config.inRange("maxDeferred", messages, 1, Integer.MAX_VALUE);
    }

    void maxInFlight(int messages) {
        this.maxInFlight = Config.inRange("maxInFlight", messages, 1, Config.MAX_IN_FLIGHT_LIMIT);
    }

    void shared(boolean shared) {
        this.shared = shared;
    }

    void timeSource(TimeSource time) {
        this.time = java.util.Objects.requireNonNull(time, "time");
    }

    void sessionExpiry(Duration expiry) {
        if (expiry.isNegative()) {
            throw new IllegalArgumentException("sessionExpiry must not be negative but was " + expiry);
        }
        this.sessionExpiry = Math.min(expiry.toSeconds(), Mqtt5Client.NEVER_EXPIRES);
    }

    void receiveMaximum(int messages) {
        this.receiveMaximum = Config.inRange("receiveMaximum", messages, 1, 65_535);
    }

    void topicAliasMaximum(int aliases) {
        this.topicAliasMaximum = Config.inRange("topicAliasMaximum", aliases, 0, 65_535);
    }

    void outboundTopicAliases(boolean use) {
        this.outboundTopicAliases = use;
    }

    void requestResponseInformation(boolean request) {
        this.requestResponseInformation = request;
    }

    void requestProblemInformation(boolean request) {
        this.requestProblemInformation = request;
    }

    void userProperty(String name, String value) {
        checkString(name, "user property name");
        checkString(value, "user property value");
        this.userProperties.add(new UserProperty(name, value));
    }

    void authenticator(Authenticator authenticator) {
        this.authenticator = java.util.Objects.requireNonNull(authenticator, "authenticator");
    }

    /** @return a copy for one client */
    Config freeze() {
        if (server == null) {
            throw new IllegalStateException("no server: call server(\"mqtt://host:port\") before build()");
        }
        try {
            Config c = (Config) super.clone();
            c.headers = Map.copyOf(headers);
            c.userProperties = List.copyOf(userProperties);
            c.password = password == null ? null : password.clone();
            c.provider = provider != null ? provider : Transports.provider(server.getScheme());
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    TransportOptions transportOptions(Duration timeout) {
        return new TransportOptions(timeout, tls, headers);
    }

    /** @return the server as it may appear in messages (no user info, no query) */
    String safeServer() {
        return Transports.redact(server);
    }

    static int inRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max + " but was " + value);
        }
        return (int) value;
    }

    static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration but was " + d);
        }
        return d;
    }

    /** Lists the settings; never the password or authentication data. */
    @Override
    public String toString() {
        return "Mqtt5Client[" + clientId + " @ " + (server == null ? "?" : safeServer())
                + (user == null ? "" : ", user " + user) + ", keepAlive " + keepAliveSeconds + " s]";
    }

    /** Checks {@code s} is a string MQTT can carry (UTF-8 of at most 65,535 bytes, no U+0000, no lone surrogate). */
    private static void checkString(String s, String name) {
        umqtt.mqtt5.codec.Strings.utf8(java.util.Objects.requireNonNull(s, name), name);
    }
}

package umqtt.simple;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import umqtt.api.spi.TimeSource;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.TransportProvider;
import umqtt.api.spi.Transports;

/**
 * What a {@link SimpleClient} was built with, checked once: every value here is valid, so the
 * client never writes a packet the server must refuse.
 *
 * @param clientId the client identifier, possibly empty
 * @param server the server URI
 * @param provider the transport that opens it
 * @param transportOptions connect timeout, TLS, headers
 * @param user the user name, or null
 * @param password the password, or null
 * @param keepAliveSeconds 0 (off) to 65535
 * @param responseTimeoutNanos how long an acknowledgement is awaited
 * @param maxPacketSize the largest packet accepted from the server
 * @param maxDeferred how many messages are held while a callback's own request waits
 * @param maxInFlight how many sent QoS 1/2 messages may await acknowledgement at once
 * @param shared whether many threads may call the client at once
 * @param time where "now" comes from
 */
record ClientSettings(String clientId, URI server, TransportProvider provider, TransportOptions transportOptions,
        String user, byte[] password, int keepAliveSeconds, long responseTimeoutNanos, int maxPacketSize,
        int maxDeferred, int maxInFlight, boolean shared, TimeSource time) {

    ClientSettings {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(transportOptions, "transportOptions");
        Objects.requireNonNull(time, "time");
        MqttStrings.check(clientId, "clientId");
        if (user != null) {
            MqttStrings.check(user, "user");
        }
        if (password != null && password.length > Topics.MAX_LENGTH) {
            throw new IllegalArgumentException("password is " + password.length + " bytes; MQTT allows at most "
                    + Topics.MAX_LENGTH);
        }
        if (password != null && user == null) {
            throw new IllegalStateException("a password needs a user name in MQTT 3.1.1: call user(...) too");
        }
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65_535) {
            throw new IllegalArgumentException("keepAlive must be 0 to 65535 seconds but was " + keepAliveSeconds);
        }
        if (responseTimeoutNanos <= 0 || maxPacketSize < 16 || maxDeferred < 1 || maxInFlight < 1
                || maxInFlight > SimpleClient.MAX_IN_FLIGHT_LIMIT) {
            throw new IllegalArgumentException("responseTimeout, maxPacketSize (>= 16), maxDeferred and maxInFlight"
                    + " (at most " + SimpleClient.MAX_IN_FLIGHT_LIMIT + ") must be positive");
        }
    }

    /** @return the keepalive in nanoseconds, 0 when off */
    long keepAliveNanos() {
        return keepAliveSeconds * 1_000_000_000L;
    }

    /** @return the server as it may appear in messages: no user info, no query */
    String safeServer() {
        return Transports.redact(server);
    }

    /** @return {@code s}, checked to be a valid MQTT string */
    static String checked(String s, String name) {
        MqttStrings.check(Objects.requireNonNull(s, name), name);
        return s;
    }

    /** @return the keepalive in whole seconds, rounded up, checked to be 0 to 65535 */
    static int keepAliveSeconds(Duration keepAlive) {
        Objects.requireNonNull(keepAlive, "keepAlive");
        if (keepAlive.isNegative() || keepAlive.compareTo(Duration.ofSeconds(65_535)) > 0) {
            throw new IllegalArgumentException("keepAlive must be 0 to 65535 seconds but was " + keepAlive);
        }
        return (int) keepAlive.toSeconds() + (keepAlive.getNano() > 0 ? 1 : 0);
    }

    /** @return {@code value}, checked to be within {@code min..max} */
    static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + (max == Integer.MAX_VALUE ? "at least " + min
                    : min + " to " + max) + " but was " + value);
        }
        return value;
    }

    /** @return {@code given}, or the installed transport for the server's scheme */
    static TransportProvider provider(URI server, TransportProvider given) {
        if (server == null) {
            throw new IllegalStateException("no server: call server(\"mqtt://host:port\") before build()");
        }
        return given != null ? given : Transports.provider(server.getScheme());
    }

    /** @return the server URI, parsed and checked to name a scheme and a host */
    static URI serverUri(String uri) {
        Objects.requireNonNull(uri, "uri");
        try {
            return Transports.checkServerUri(new URI(uri));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("server is not a URI: " + e.getReason() + " (write it as mqtt://host:port)");
        }
    }

    /** @return {@code d}, checked to be positive */
    static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "ClientSettings[" + clientId + " @ " + safeServer() + (user == null ? "" : ", user " + user)
                + ", keepAlive " + keepAliveSeconds + " s]";
    }
}

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
 * @param time where "now" comes from
 */
record ClientSettings(String clientId, URI server, TransportProvider provider, TransportOptions transportOptions,
        String user, byte[] password, int keepAliveSeconds, long responseTimeoutNanos, int maxPacketSize,
        int maxDeferred, TimeSource time) {

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
        if (responseTimeoutNanos <= 0 || maxPacketSize < 16 || maxDeferred < 1) {
            throw new IllegalArgumentException("responseTimeout, maxPacketSize (>= 16) and maxDeferred must be positive");
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

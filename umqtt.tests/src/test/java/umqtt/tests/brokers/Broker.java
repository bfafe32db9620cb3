package umqtt.tests.brokers;

import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Assumptions;

/**
 * A running MQTT broker as the tests see it: a name and one URI per listener it offers.
 * Every URI points at the loopback interface ({@code 127.0.0.1}); {@link #localhostUri(Listener)}
 * gives the same listener by the name {@code localhost} (both are in the server certificate).
 */
public interface Broker {

    /** The only user name the {@link Listener#AUTH} listener accepts (test-only, not a secret). */
    String USER = "alice";

    /** The password of {@link #USER} on the {@link Listener#AUTH} listener (test-only, not a secret). */
    String PASSWORD = "secret";

    /** The kinds of listener a broker may offer. Certificates and keys come from {@link TestPki}. */
    enum Listener {
        /** Plain MQTT over TCP, anonymous: {@code mqtt://}. */
        TCP,
        /** TLS with {@link TestPki#serverCert()} (localhost, 127.0.0.1): {@code mqtts://}. */
        TLS,
        /** TLS with {@link TestPki#wrongHostCert()} (only {@code DNS:wrong.example}): {@code mqtts://}. */
        TLS_WRONG_HOST,
        /** TLS with {@link TestPki#expiredCert()}: {@code mqtts://}. */
        TLS_EXPIRED,
        /** TLS that requires a client certificate signed by {@link TestPki#caCert()}: {@code mqtts://}. */
        MUTUAL_TLS,
        /** TLS-PSK with {@link TestPki#pskIdentity()} / {@link TestPki#pskKey()}: {@code mqtts://}. */
        PSK,
        /** MQTT over WebSocket, subprotocol {@code mqtt}: {@code ws://HOST:PORT/mqtt}. */
        WS,
        /** MQTT over WebSocket over TLS with {@link TestPki#serverCert()}: {@code wss://HOST:PORT/mqtt}. */
        WSS,
        /** Plain TCP that requires {@link #USER} / {@link #PASSWORD}; others get CONNACK 4 or 5. */
        AUTH
    }

    /** @return a short name for test reports, e.g. {@code "mosquitto"} */
    String name();

    /**
     * @param listener a kind of listener
     * @return whether this broker offers that listener
     */
    boolean has(Listener listener);

    /**
     * Returns the URI of a listener on {@code 127.0.0.1}, e.g. {@code mqtt://127.0.0.1:40123},
     * {@code mqtts://127.0.0.1:40124}, {@code ws://127.0.0.1:40125/mqtt}. When this broker does
     * not offer the listener, the calling test is aborted (skipped) through a JUnit assumption.
     *
     * @param listener a kind of listener
     * @return its URI
     */
    URI uri(Listener listener);

    /**
     * Returns {@link #uri(Listener)} with the host {@code localhost} instead of {@code 127.0.0.1}
     * (for host name verification by DNS name and SNI). Aborts the test like {@link #uri(Listener)}.
     *
     * @param listener a kind of listener
     * @return its URI by host name
     */
    default URI localhostUri(Listener listener) {
        URI uri = uri(listener);
        try {
            return new URI(uri.getScheme(), uri.getUserInfo(), "localhost", uri.getPort(), uri.getPath(),
                    uri.getQuery(), uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot rename the host of " + uri, e);
        }
    }

    /**
     * Aborts the calling test (a JUnit assumption) unless this broker offers the listener.
     *
     * @param listener a kind of listener
     */
    default void assumeListener(Listener listener) {
        Assumptions.assumeTrue(has(listener), () -> name() + " has no " + listener + " listener");
    }

    /**
     * The URI a client uses for a listener on 127.0.0.1, the same for every broker: {@code mqtt://}
     * for TCP and AUTH, {@code mqtts://} for the TLS kinds, {@code ws://} and {@code wss://} at /mqtt.
     *
     * @param listener the kind of listener
     * @param port its port
     * @return the URI
     */
    static URI loopbackUri(Listener listener, int port) {
        return switch (listener) {
            case TCP, AUTH -> URI.create("mqtt://127.0.0.1:" + port);
            case TLS, TLS_WRONG_HOST, TLS_EXPIRED, MUTUAL_TLS, PSK -> URI.create("mqtts://127.0.0.1:" + port);
            case WS -> URI.create("ws://127.0.0.1:" + port + "/mqtt");
            case WSS -> URI.create("wss://127.0.0.1:" + port + "/mqtt");
        };
    }
}

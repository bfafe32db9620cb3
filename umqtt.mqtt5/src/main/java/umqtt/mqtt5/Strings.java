package umqtt.mqtt5;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import umqtt.api.spi.Transports;

/** Checks of the builder's strings and URI. */
final class Strings {

    private Strings() {
    }

    /** Checks {@code s} is a string MQTT can carry (UTF-8 of at most 65,535 bytes, no U+0000, no lone surrogate). */
    static void check(String s, String name) {
        umqtt.mqtt5.codec.Strings.utf8(Objects.requireNonNull(s, name), name);
    }

    static URI serverUri(String uri) {
        Objects.requireNonNull(uri, "uri");
        try {
            return Transports.checkServerUri(new URI(uri));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("server is not a URI: " + e.getReason() + " (write it as mqtt://host:port)");
        }
    }
}

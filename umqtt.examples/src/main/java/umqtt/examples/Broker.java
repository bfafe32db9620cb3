package umqtt.examples;

import java.nio.file.Path;
import java.util.Objects;
import umqtt.api.TlsOptions;
import umqtt.simple.SimpleClient;

/**
 * The broker an example talks to: its URI ({@code mqtt://}, {@code mqtts://}, {@code ws://},
 * {@code wss://}) and, for TLS, the CA file to trust (null: the JDK's trust store).
 *
 * @param uri the broker's URI
 * @param caFile the PEM file of the CA that signed the broker's certificate, or null
 */
public record Broker(String uri, Path caFile) {

    /** The broker when none is given: a local one on the default port. */
    public static final String DEFAULT_URI = "mqtt://127.0.0.1:1883";

    /** @throws NullPointerException when {@code uri} is null */
    public Broker {
        Objects.requireNonNull(uri, "uri");
    }

    /**
     * The broker of an example's command line: {@code [URI [CA-FILE]]}.
     *
     * @param args the example's arguments
     * @return the broker
     */
    public static Broker fromArgs(String[] args) {
        return new Broker(args.length > 0 ? args[0] : DEFAULT_URI, args.length > 1 ? Path.of(args[1]) : null);
    }

    /**
     * A client builder for this broker, with the CA file when there is one.
     *
     * @param clientId the client id
     * @return the builder, for more settings and {@code build()}
     */
    public SimpleClient.Builder client(String clientId) {
        SimpleClient.Builder b = SimpleClient.builder().clientId(clientId).server(uri);
        if (caFile != null) {
            b.tls(TlsOptions.builder().trustPem(caFile).build());
        }
        return b;
    }

    @Override
    public String toString() {
        return uri;
    }
}

package umqtt.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import umqtt.api.TlsOptions;
import umqtt.simple.SimpleClient;

/**
 * Publishes over TLS with a user name and password (umqtt's example_pub with ssl=True and
 * credentials). The broker's certificate is checked against the given CA file (or the JDK's
 * trust store) and its host name; the password travels only inside TLS.
 *
 * <p>Run: {@code PublishTls mqtts://HOST[:PORT] [CA-FILE [USER PASSWORD]]}.
 */
public final class PublishTls {

    private PublishTls() {
    }

    /**
     * @param args {@code mqtts://HOST[:PORT] [CA-FILE [USER PASSWORD]]}
     * @throws IOException when the broker cannot be reached, is not trusted, or refuses us
     */
    public static void main(String[] args) throws IOException {
        Broker broker = Broker.fromArgs(args);
        run(broker.uri(), broker.caFile(), args.length > 3 ? args[2] : "demo", args.length > 3 ? args[3] : "demo-password");
    }

    public static void run(String uri, Path caFile, String user, String password) throws IOException {
        TlsOptions.Builder tls = TlsOptions.builder();
        if (caFile != null) {
            tls.trustPem(caFile);
        }
        try (SimpleClient c = SimpleClient.builder()
                .clientId("umqtt-example-tls")
                .server(uri)
                .tls(tls.build())
                .user(user)
                .password(password)
                .build()) {
            c.connect();
            c.publish("foo_topic", "hello over TLS".getBytes(StandardCharsets.UTF_8), false, 1);
            System.out.println("published 'hello over TLS' as user '" + user + "' to foo_topic on " + uri);
            c.disconnect();
        }
    }
}

package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import umqtt.api.Message;
import umqtt.api.TlsOptions;
import umqtt.api.spi.TransportProvider;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.TestPki;

/** Connect, subscribe, publish QoS 1 and receive it back through one TLS connection. */
final class TlsRoundTrip {

    private TlsRoundTrip() {
    }

    /** @return options that trust the test CA */
    static TlsOptions.Builder trustingTestCa() {
        return TlsOptions.builder().trustPem(TestPki.get().caCert());
    }

    /** A client for {@code uri} with a short connect timeout. */
    static SimpleClient client(URI uri, TlsOptions tls) {
        return client(uri, tls, null);
    }

    static SimpleClient client(URI uri, TlsOptions tls, TransportProvider provider) {
        SimpleClient.Builder b = SimpleClient.builder()
                .clientId("tls-" + UUID.randomUUID().toString().substring(0, 8))
                .server(uri.toString())
                .tls(tls)
                .keepAlive(Duration.ofSeconds(10))
                .connectTimeout(Duration.ofSeconds(10));
        if (provider != null) {
            b.transport(provider);
        }
        return b.build();
    }

    /**
     * Runs the round trip and asserts the message came back whole.
     *
     * @param uri the TLS listener
     * @param tls the options
     */
    static void run(URI uri, TlsOptions tls) throws IOException {
        run(client(uri, tls));
    }

    static void run(SimpleClient c) throws IOException {
        try (c) {
            List<Message> received = new ArrayList<>();
            c.setCallback(received::add);
            c.connect(true);
            String topic = "umqtt/tls/" + UUID.randomUUID();
            assertEquals(1, c.subscribe(topic, 1));
            byte[] payload = ("over TLS " + topic).getBytes(StandardCharsets.UTF_8);
            c.publish(topic, payload, false, 1);
            while (received.isEmpty()) {
                c.waitMsg();
            }
            assertEquals(topic, received.get(0).topicString());
            assertArrayEquals(payload, received.get(0).payload());
            c.disconnect();
        }
    }
}

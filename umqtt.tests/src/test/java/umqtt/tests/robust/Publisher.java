package umqtt.tests.robust;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import umqtt.simple.SimpleClient;

/** An independent publisher for the tests: a fresh SimpleClient straight to the broker per message. */
final class Publisher {

    private Publisher() {
    }

    /**
     * Publishes one QoS 1 message and disconnects.
     *
     * @param broker the broker's TCP URI
     * @param topic the topic
     * @param payload the payload, as UTF-8
     * @throws IOException when it cannot
     */
    static void publish(URI broker, String topic, String payload) throws IOException {
        try (SimpleClient c = SimpleClient.builder().clientId("").server(broker.toString()).build()) {
            c.connect(true);
            c.publish(topic, payload.getBytes(StandardCharsets.UTF_8), false, 1);
            c.disconnect();
        }
    }
}

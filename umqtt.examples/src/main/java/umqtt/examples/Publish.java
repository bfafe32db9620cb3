package umqtt.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import umqtt.simple.SimpleClient;

/**
 * Publishes one message and leaves (umqtt's example_pub.py).
 *
 * <p>Run: {@code Publish [URI [CA-FILE]]}, e.g. {@code Publish mqtt://test.mosquitto.org}.
 */
public final class Publish {

    private Publish() {
    }

    /**
     * @param args {@code [URI [CA-FILE]]}
     * @throws IOException when the broker cannot be reached or refuses us
     */
    public static void main(String[] args) throws IOException {
        run(Broker.fromArgs(args));
    }

    public static void run(Broker broker) throws IOException {
        try (SimpleClient c = broker.client("umqtt-example-pub").build()) {
            c.connect();
            c.publish("foo_topic", "hello".getBytes(StandardCharsets.UTF_8));
            System.out.println("published 'hello' to foo_topic on " + broker);
            c.disconnect();
        }
    }
}

package umqtt.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import umqtt.simple.SimpleClient;

/**
 * Publishes a message each time a button is pressed (umqtt's example_pub_button.py). The button
 * is the Enter key here: every line typed on standard input is a press. The client stays
 * connected between presses; it pings within the keepalive so the broker keeps it.
 *
 * <p>Run: {@code PublishOnEvent [URI [CA-FILE]]}, then press Enter; end with Ctrl-D.
 */
public final class PublishOnEvent {

    private PublishOnEvent() {
    }

    /**
     * @param args {@code [URI [CA-FILE]]}
     * @throws IOException when the broker cannot be reached
     */
    public static void main(String[] args) throws IOException {
        run(Broker.fromArgs(args), new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    public static void run(Broker broker, Reader button) throws IOException {
        try (SimpleClient c = broker.client("umqtt-example-button").keepAlive(Duration.ofSeconds(30)).build();
                BufferedReader presses = new BufferedReader(button)) {
            c.connect();
            int count = 0;
            while (presses.readLine() != null) { // blocks until the next press
                count++;
                c.publish("button", ("pressed " + count).getBytes(StandardCharsets.UTF_8), false, 1);
                System.out.println("button pressed: published 'pressed " + count + "' to button (QoS 1, acknowledged)");
            }
            c.disconnect();
        }
    }
}

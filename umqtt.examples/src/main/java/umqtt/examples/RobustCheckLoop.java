package umqtt.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import umqtt.api.Message;
import umqtt.api.MqttClient;
import umqtt.robust.RobustClient;

/**
 * A main loop that polls with {@code checkMsg()} and does its own work in between, on a robust
 * client (umqtt's robust check_msg example): a link failure during a check is reconnected and the
 * loop goes on.
 *
 * <p>Run: {@code RobustCheckLoop [URI [CA-FILE]]}, then publish to foo_topic.
 */
public final class RobustCheckLoop {

    /** The client id whose session the broker keeps. */
    public static final String CLIENT_ID = "umqtt-example-robust-check";

    private RobustCheckLoop() {
    }

    /**
     * @param args {@code [URI [CA-FILE]]}
     * @throws IOException when the broker refuses us
     */
    public static void main(String[] args) throws IOException {
        run(Broker.fromArgs(args), Integer.MAX_VALUE, () -> { });
    }

    /** Handles {@code messages} messages, then leaves. */
    public static void run(Broker broker, int messages, Runnable subscribed) throws IOException {
        int[] received = {0};
        try (MqttClient c = RobustClient.wrap(
                broker.client(CLIENT_ID).keepAlive(Duration.ofSeconds(30)).build())) {
            c.setCallback((Message m) -> {
                received[0]++;
                System.out.println("received " + m.topicString() + ": " + new String(m.payload(), StandardCharsets.UTF_8));
            });
            c.connect(false);
            c.subscribe("foo_topic", 1);
            subscribed.run();
            while (received[0] < messages) {
                if (!c.checkMsg()) {
                    pause(); // nothing waiting: the application's own work goes here
                }
            }
            c.disconnect();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

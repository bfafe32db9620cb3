package umqtt.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import umqtt.api.Message;
import umqtt.api.MqttClient;
import umqtt.robust.RobustClient;

/**
 * A robust subscriber with a clean session (umqtt's resubscribe example): when the link fails the
 * broker forgets the subscriptions, so after the reconnect the client subscribes again by itself
 * (the original umqtt.robust did not, and went deaf). Messages sent while the link was down are
 * lost with the session: use {@link RobustSubscriber}'s persistent session when they matter.
 *
 * <p>Run: {@code RobustResubscribe [URI [CA-FILE]]}, then publish to foo_topic; restart the broker.
 */
public final class RobustResubscribe {

    private RobustResubscribe() {
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
        try (MqttClient c = RobustClient.builder()
                .persistentSession(false) // a clean session, exactly as asked: the broker forgets it on a cut
                .wrap(broker.client("umqtt-example-resubscribe").keepAlive(Duration.ofSeconds(30)).build())) {
            c.setCallback((Message m) -> {
                received[0]++;
                System.out.println("received " + m.topicString() + ": " + new String(m.payload(), StandardCharsets.UTF_8));
            });
            c.connect(true);
            c.subscribe("foo_topic", 1);
            System.out.println("subscribed to foo_topic with a clean session");
            subscribed.run();
            while (received[0] < messages) {
                c.waitMsg();
            }
            c.disconnect();
        }
    }
}

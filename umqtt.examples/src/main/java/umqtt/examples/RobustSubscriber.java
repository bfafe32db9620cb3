package umqtt.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import umqtt.api.Message;
import umqtt.api.MqttClient;
import umqtt.robust.RobustClient;

/**
 * A subscriber that survives link failures, with a persistent session (umqtt's
 * example_sub_robust.py): {@code connect(false)} resumes the broker's session for this client id,
 * so it subscribes only when the broker had none; messages sent while the link is down wait at
 * the broker and arrive after the reconnect.
 *
 * <p>Run: {@code RobustSubscriber [URI [CA-FILE]]}, then publish to foo_topic; restart the broker.
 */
public final class RobustSubscriber {

    /** The client id whose session the broker keeps. */
    public static final String CLIENT_ID = "umqtt-example-robust-sub";

    private RobustSubscriber() {
    }

    /**
     * @param args {@code [URI [CA-FILE]]}
     * @throws IOException when the broker refuses us
     */
    public static void main(String[] args) throws IOException {
        run(Broker.fromArgs(args), Integer.MAX_VALUE, () -> { });
    }

    /**
     * Handles {@code messages} different messages, then leaves (keeping the session at the broker).
     * QoS 1 is "at least once": a message whose acknowledgement the cut swallowed comes again,
     * with its DUP flag set.
     *
     * @return the messages' payloads
     */
    public static Set<String> run(Broker broker, int messages, Runnable subscribed) throws IOException {
        Set<String> received = new HashSet<>();
        try (MqttClient c = RobustClient.wrap(
                broker.client(CLIENT_ID).keepAlive(Duration.ofSeconds(30)).build())) {
            c.setCallback((Message m) -> {
                String text = new String(m.payload(), StandardCharsets.UTF_8);
                boolean fresh = received.add(text);
                System.out.println("received " + m.topicString() + ": " + text
                        + (m.dup() ? " (re-sent with DUP" + (fresh ? ")" : ", already handled)") : ""));
            });
            if (!c.connect(false)) {
                System.out.println("new session being set up: subscribing to foo_topic");
                c.subscribe("foo_topic", 1);
            } else {
                System.out.println("resumed the session the broker kept: already subscribed");
            }
            subscribed.run();
            while (received.size() < messages) {
                c.waitMsg(); // a cut link is reconnected inside, and the wait goes on
            }
            c.disconnect();
        }
        return received;
    }
}

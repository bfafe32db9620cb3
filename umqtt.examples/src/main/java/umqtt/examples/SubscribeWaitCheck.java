package umqtt.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import umqtt.api.Message;
import umqtt.simple.SimpleClient;

/**
 * Subscribes and handles messages in a main loop (umqtt's example_sub.py): {@code waitMsg()}
 * blocks until a message comes; {@code checkMsg()} returns at once when none is waiting, leaving
 * the loop free for other work.
 *
 * <p>Run: {@code SubscribeWaitCheck [URI [CA-FILE]]}, then publish to foo_topic.
 */
public final class SubscribeWaitCheck {

    private SubscribeWaitCheck() {
    }

    /**
     * @param args {@code [URI [CA-FILE]]}
     * @throws IOException when the broker cannot be reached or the link fails
     */
    public static void main(String[] args) throws IOException {
        run(Broker.fromArgs(args), Integer.MAX_VALUE, () -> { });
    }

    /** Handles {@code messages} messages: the first half blocking, the rest polling. */
    public static void run(Broker broker, int messages, Runnable subscribed) throws IOException {
        int[] received = {0};
        try (SimpleClient c = broker.client("umqtt-example-sub").keepAlive(Duration.ofSeconds(30)).build()) {
            c.setCallback((Message m) -> {
                received[0]++;
                System.out.println("received " + m.topicString() + ": " + new String(m.payload(), StandardCharsets.UTF_8));
            });
            c.connect();
            c.subscribe("foo_topic", 0);
            System.out.println("subscribed to foo_topic on " + broker);
            subscribed.run();
            int blocking = messages / 2;
            while (received[0] < blocking) {
                c.waitMsg(); // blocking: returns after one packet
            }
            while (received[0] < messages) {
                if (!c.checkMsg()) { // non-blocking: false when nothing was waiting
                    doOtherWork();
                }
            }
            c.disconnect();
        }
    }

    private static void doOtherWork() {
        try {
            Thread.sleep(10); // the application's own work; here, a short rest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

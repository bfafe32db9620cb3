package umqtt.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import umqtt.api.Message;
import umqtt.api.MqttClient;
import umqtt.robust.RobustClient;

/**
 * A device that announces itself: a retained "online" on {@code status/<id>} when it connects, and
 * a last will that makes the broker publish a retained "offline" there if the device vanishes
 * without saying goodbye (umqtt's robust example with set_last_will). Anyone subscribing to
 * {@code status/#} sees which devices are up.
 *
 * <p>Run: {@code RobustLastWill [URI [CA-FILE]]}; watch with {@code umqtt sub -t 'status/#' -v}.
 */
public final class RobustLastWill {

    /** The device's id, also its status topic's last level. */
    public static final String ID = "umqtt-example-device";
    /** Where the device's state is published. */
    public static final String STATUS = "status/" + ID;

    private RobustLastWill() {
    }

    /**
     * @param args {@code [URI [CA-FILE]]}
     * @throws IOException when the broker refuses us
     */
    public static void main(String[] args) throws IOException {
        run(Broker.fromArgs(args), Integer.MAX_VALUE, () -> { });
    }

    /** Announces itself, then obeys {@code commands} messages on {@code cmd/<id>}; says "offline" when it leaves. */
    public static void run(Broker broker, int commands, Runnable online) throws IOException {
        byte[] status = STATUS.getBytes(StandardCharsets.UTF_8);
        int[] received = {0};
        try (MqttClient c = RobustClient.wrap(broker.client(ID).keepAlive(Duration.ofSeconds(30)).build())) {
            c.setLastWill(status, "offline".getBytes(StandardCharsets.UTF_8), true, 1);
            c.setCallback((Message m) -> {
                received[0]++;
                System.out.println("command: " + new String(m.payload(), StandardCharsets.UTF_8));
            });
            c.connect(false);
            c.publish(status, "online".getBytes(StandardCharsets.UTF_8), true, 1);
            c.subscribe("cmd/" + ID, 1);
            System.out.println(STATUS + " = online (retained); last will: offline");
            online.run();
            while (received[0] < commands) {
                c.waitMsg();
            }
            // A goodbye: DISCONNECT discards the will, so say it ourselves.
            c.publish(status, "offline".getBytes(StandardCharsets.UTF_8), true, 1);
            c.disconnect();
        }
    }
}

package umqtt.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import umqtt.api.Message;
import umqtt.simple.SimpleClient;

/**
 * A "LED" driven by messages (umqtt's example_sub_led.py): {@code on}, {@code off} and
 * {@code toggle} on topic {@code led} switch it; its state is drawn on the console.
 *
 * <p>Run: {@code Led [URI [CA-FILE]]}, then e.g. {@code umqtt pub -t led -m toggle}.
 */
public final class Led {

    private boolean lit;

    private Led() {
    }

    /**
     * @param args {@code [URI [CA-FILE]]}
     * @throws IOException when the broker cannot be reached or the link fails
     */
    public static void main(String[] args) throws IOException {
        run(Broker.fromArgs(args), Integer.MAX_VALUE, () -> { });
    }

    /** Obeys {@code commands} commands, then leaves. @return whether the LED is lit at the end */
    public static boolean run(Broker broker, int commands, Runnable subscribed) throws IOException {
        Led led = new Led();
        int[] obeyed = {0};
        try (SimpleClient c = broker.client("umqtt-example-led").keepAlive(Duration.ofSeconds(30)).build()) {
            c.setCallback((Message m) -> {
                led.command(new String(m.payload(), StandardCharsets.UTF_8).trim());
                obeyed[0]++;
            });
            c.connect();
            c.subscribe("led", 1);
            System.out.println("LED ready, listening on topic led at " + broker + "  " + led.draw());
            subscribed.run();
            while (obeyed[0] < commands) {
                c.waitMsg();
            }
            c.disconnect();
        }
        return led.lit;
    }

    private void command(String command) {
        switch (command) {
            case "on" -> lit = true;
            case "off" -> lit = false;
            case "toggle" -> lit = !lit;
            default -> {
                System.out.println("LED: unknown command '" + command + "' (use on, off or toggle)");
                return;
            }
        }
        System.out.println("LED " + command + " -> " + draw());
    }

    private String draw() {
        return lit ? "(*) on" : "( ) off";
    }
}

package umqtt.cli;

import java.util.Timer;
import java.util.TimerTask;
import umqtt.api.MqttClient;

/** {@code sub -W}: closes the client from a timer thread, which ends the blocked waitMsg. */
final class Deadline {

    private final Timer timer = new Timer("umqtt-sub-timeout", true);
    private volatile boolean expired;

    Deadline(MqttClient client, double seconds) {
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                expired = true;
                client.close();
            }
        }, Math.max(1, Math.round(seconds * 1000)));
    }

    /** @return whether the time ran out (and the client was closed) */
    boolean expired() {
        return expired;
    }

    void cancel() {
        timer.cancel();
    }
}

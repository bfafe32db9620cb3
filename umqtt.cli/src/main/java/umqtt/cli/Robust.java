package umqtt.cli;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import umqtt.api.MqttClient;
import umqtt.robust.RobustClient;

/**
 * {@code sub --robust}: the client wrapped in a {@link RobustClient}, which reconnects on network
 * failures (a broker restart, a cut link) and subscribes again when the broker lost the session.
 * Its reconnects are reported on standard error, one line each.
 */
final class Robust {

    private Robust() {
    }

    /**
     * The subscriber's client, made robust. Without {@code -c} the session is clean, as asked:
     * messages sent while the link is down are lost; with {@code -c -i ID} they wait at the broker.
     */
    static MqttClient wrap(ConnectOptions options, PrintStream err) {
        MqttClient client = options.client();
        options.applyWill(client); // on the client itself: with -V mqttv5, with WILL's properties
        return RobustClient.builder()
                .persistentSession(false)
                .logger(new StderrLogger(err))
                .wrap(client);
    }

    /** RobustClient's log as one line per event on standard error ({@code umqtt: ...}). */
    private static final class StderrLogger implements System.Logger {
        private final PrintStream err;

        StderrLogger(PrintStream err) {
            this.err = err;
        }

        @Override
        public String getName() {
            return "umqtt.robust";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= Level.INFO.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                err.println("umqtt: " + msg + (thrown == null || thrown.getMessage() == null ? ""
                        : " (" + thrown.getMessage() + ")"));
                err.flush();
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                log(level, bundle, params == null || params.length == 0 ? format
                        : MessageFormat.format(format, params), (Throwable) null);
            }
        }
    }
}

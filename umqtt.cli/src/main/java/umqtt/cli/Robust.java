package umqtt.cli;

import umqtt.api.MqttClient;

/** {@code sub --robust}: the client wrapped to reconnect across broker restarts. */
final class Robust {

    private Robust() {
    }

    static MqttClient wrap(ConnectOptions options) throws UsageException {
        throw new UsageException("--robust is not available yet");
    }
}

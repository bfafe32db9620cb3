package umqtt.bench.harness.contenders;

import java.io.IOException;
import java.time.Duration;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;
import umqtt.bench.harness.Windowed;
import umqtt.mqtt5.Mqtt5Client;

/**
 * umqtt's MQTT 5 client, {@link Mqtt5Client}, used as the 3.1.1 contender {@link Umqtt} uses
 * SimpleClient (it is an {@code MqttClient}, so the same adapter drives it): the blocking publish for
 * QoS 0 and QoS 1 (a refusal throws); windowed, {@code send} with {@code maxInFlight(window)} (the
 * broker's Receive Maximum caps it further), then {@code flush}, a refusal heard by the acknowledgement
 * listener failing the run as HiveMQ's failed futures do.
 */
public final class Umqtt5 implements Contender, Windowed {

    /** Creates the contender. */
    public Umqtt5() {
    }

    @Override
    public Client create(String host, int port, String clientId) {
        return new Umqtt.UmqttClient(builder(host, port, clientId).build());
    }

    @Override
    public Publisher createWindowed(String host, int port, String clientId, int window) {
        Mqtt5Client c = builder(host, port, clientId).maxInFlight(window).build();
        Exception[] refused = new Exception[1]; // a PUBACK with a reason code of 0x80 or more: the run must not count it
        c.setAckListener((ticket, failure) -> {
            if (failure != null && refused[0] == null) {
                refused[0] = failure;
            }
        });
        return new Publisher() {
            @Override
            public void connect() throws IOException {
                c.connect();
            }

            @Override
            public void send(Topic topic, byte[] payload) throws IOException {
                c.send(topic.bytes(), payload, false, 1);
                if (refused[0] != null) {
                    throw new IOException("the broker refused a message", refused[0]);
                }
            }

            @Override
            public void flush() throws IOException {
                if (!c.flush(Duration.ofSeconds(60))) {
                    throw new IOException(c.inFlight() + " messages still unacknowledged after 60 s");
                }
                if (refused[0] != null) {
                    throw new IOException("the broker refused a message", refused[0]);
                }
            }

            @Override
            public void disconnect() throws IOException {
                c.disconnect();
                c.close();
            }
        };
    }

    private static Mqtt5Client.Builder builder(String host, int port, String clientId) {
        return Mqtt5Client.builder().clientId(clientId).server(ServerUri.of("mqtt://", host, port))
                .keepAlive(Duration.ofSeconds(60));
    }
}

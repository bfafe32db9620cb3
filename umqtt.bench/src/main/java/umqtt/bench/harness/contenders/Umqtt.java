package umqtt.bench.harness.contenders;

import java.io.IOException;
import java.time.Duration;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;
import umqtt.bench.harness.Windowed;
import umqtt.simple.SimpleClient;

/**
 * umqtt's {@link SimpleClient}, used as its README shows: byte[] topics, the blocking API; windowed,
 * {@code send} with {@code maxInFlight(window)}, then {@code flush}.
 */
public final class Umqtt implements Contender, Windowed {

    /** Creates the contender. */
    public Umqtt() {
    }

    @Override
    public Client create(String host, int port, String clientId) {
        SimpleClient c = SimpleClient.builder().clientId(clientId).server(ServerUri.of("mqtt://", host, port))
                .keepAlive(Duration.ofSeconds(60)).build();
        return new UmqttClient(c);
    }

    @Override
    public Publisher createWindowed(String host, int port, String clientId, int window) {
        SimpleClient c = SimpleClient.builder().clientId(clientId).server(ServerUri.of("mqtt://", host, port))
                .keepAlive(Duration.ofSeconds(60)).maxInFlight(window).build();
        return new Publisher() {
            @Override
            public void connect() throws IOException {
                c.connect();
            }

            @Override
            public void send(Topic topic, byte[] payload) throws IOException {
                c.send(topic.bytes(), payload, false, 1);
            }

            @Override
            public void flush() throws IOException {
                if (!c.flush(Duration.ofSeconds(60))) {
                    throw new IOException(c.inFlight() + " messages still unacknowledged after 60 s");
                }
            }

            @Override
            public void disconnect() throws IOException {
                c.disconnect();
                c.close();
            }
        };
    }

    /** Adapts any umqtt MqttClient (SimpleClient, or RobustClient around one). */
    static final class UmqttClient implements Client {
        private final umqtt.api.MqttClient c;
        private boolean received;

        UmqttClient(umqtt.api.MqttClient c) {
            this.c = c;
            // An anonymous class, not a lambda: the harness must not charge its own lambda bootstrap
            // (tens of ms in a cold JVM) to the contender's cold start.
            c.setCallback(new umqtt.api.MessageCallback() {
                @Override
                public void onMessage(umqtt.api.Message m) {
                    received = true;
                }
            });
        }

        @Override
        public void connect() throws IOException {
            c.connect();
        }

        @Override
        public void publish(Topic topic, byte[] payload, int qos) throws IOException {
            c.publish(topic.bytes(), payload, false, qos);
        }

        @Override
        public void drain() {
        }

        @Override
        public void subscribe(Topic topic) throws IOException {
            c.subscribe(topic.bytes(), 0);
        }

        @Override
        public void roundTrip(Topic topic, byte[] payload) throws IOException {
            received = false;
            c.publish(topic.bytes(), payload, false, 0);
            while (!received) {
                c.waitMsg();
            }
        }

        @Override
        public void disconnect() throws IOException {
            c.disconnect();
            c.close();
        }
    }
}

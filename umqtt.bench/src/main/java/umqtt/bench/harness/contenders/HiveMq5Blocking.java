package umqtt.bench.harness.contenders;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;

/**
 * The HiveMQ MQTT client 1.3.7, blocking API, MQTT 5: the peer of umqtt's MQTT 5 client, as
 * {@link HiveMqBlocking} is of the 3.1.1 one. A constant message is built once as an immutable
 * {@link Mqtt5Publish} and re-sent, the library's own idiom.
 */
public final class HiveMq5Blocking implements Contender {

    /** Creates the contender. */
    public HiveMq5Blocking() {
    }

    @Override
    public Client create(String host, int port, String clientId) {
        return new Blocking(Mqtt5Client.builder().identifier(clientId).serverHost(host).serverPort(port).buildBlocking());
    }

    /** Builds each distinct message once. */
    static final class Messages {
        private Topic topic;
        private byte[] payload;
        private int qos = -1;
        private Mqtt5Publish publish;

        Mqtt5Publish of(Topic t, byte[] p, int q) {
            if (t != topic || p != payload || q != qos) {
                publish = Mqtt5Publish.builder().topic(t.name()).qos(q == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE)
                        .payload(p).build();
                topic = t;
                payload = p;
                qos = q;
            }
            return publish;
        }
    }

    private static final class Blocking implements Client {
        private final Mqtt5BlockingClient c;
        private final Messages messages = new Messages();
        private Mqtt5BlockingClient.Mqtt5Publishes publishes;

        Blocking(Mqtt5BlockingClient c) {
            this.c = c;
        }

        @Override
        public void connect() {
            c.connectWith().cleanStart(true).keepAlive(60).send();
        }

        @Override
        public void publish(Topic topic, byte[] payload, int qos) {
            c.publish(messages.of(topic, payload, qos));
        }

        @Override
        public void drain() {
        }

        @Override
        public void subscribe(Topic topic) {
            publishes = c.publishes(MqttGlobalPublishFilter.ALL);
            c.subscribeWith().topicFilter(topic.name()).qos(MqttQos.AT_MOST_ONCE).send();
        }

        @Override
        public void roundTrip(Topic topic, byte[] payload) throws InterruptedException {
            c.publish(messages.of(topic, payload, 0));
            publishes.receive();
        }

        @Override
        public void disconnect() {
            if (publishes != null) {
                publishes.close();
            }
            c.disconnect();
        }
    }
}

package umqtt.bench.harness.contenders;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;

/**
 * The HiveMQ MQTT client 1.3.7, blocking API, MQTT 3. A constant message is built once as an
 * immutable {@link Mqtt3Publish} and re-sent, the library's own idiom.
 */
public final class HiveMqBlocking implements Contender {

    /** Creates the contender. */
    public HiveMqBlocking() {
    }

    @Override
    public Client create(String host, int port, String clientId) {
        return new HiveMqBlockingClient(Mqtt3Client.builder().identifier(clientId).serverHost(host).serverPort(port)
                .buildBlocking());
    }

    static MqttQos qos(int qos) {
        return qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE;
    }

    /** Builds each distinct message once. */
    static final class Messages {
        private Topic topic;
        private byte[] payload;
        private int qos = -1;
        private Mqtt3Publish publish;

        Mqtt3Publish of(Topic t, byte[] p, int q) {
            if (t != topic || p != payload || q != qos) {
                publish = Mqtt3Publish.builder().topic(t.name()).qos(qos(q)).payload(p).build();
                topic = t;
                payload = p;
                qos = q;
            }
            return publish;
        }
    }

    private static final class HiveMqBlockingClient implements Client {
        private final Mqtt3BlockingClient c;
        private final Messages messages = new Messages();
        private Mqtt3BlockingClient.Mqtt3Publishes publishes;

        HiveMqBlockingClient(Mqtt3BlockingClient c) {
            this.c = c;
        }

        @Override
        public void connect() {
            c.connectWith().cleanSession(true).keepAlive(60).send();
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

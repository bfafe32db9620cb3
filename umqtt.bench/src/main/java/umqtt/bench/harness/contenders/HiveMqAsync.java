package umqtt.bench.harness.contenders;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;

/**
 * The HiveMQ MQTT client 1.3.7, async API, MQTT 3: QoS 0 publishes are not awaited (its design),
 * QoS 1 waits for each future (sequential, as the scenario says).
 */
public final class HiveMqAsync implements Contender {

    /** Creates the contender. */
    public HiveMqAsync() {
    }

    @Override
    public Client create(String host, int port, String clientId) {
        return new HiveMqAsyncClient(Mqtt3Client.builder().identifier(clientId).serverHost(host).serverPort(port)
                .buildAsync());
    }

    private static final class HiveMqAsyncClient implements Client {
        private final Mqtt3AsyncClient c;
        private final HiveMqBlocking.Messages messages = new HiveMqBlocking.Messages();
        private final Semaphore arrived = new Semaphore(0);
        private CompletableFuture<Mqtt3Publish> last;

        HiveMqAsyncClient(Mqtt3AsyncClient c) {
            this.c = c;
        }

        @Override
        public void connect() throws Exception {
            c.connectWith().cleanSession(true).keepAlive(60).send().get();
        }

        @Override
        public void publish(Topic topic, byte[] payload, int qos) throws Exception {
            last = c.publish(messages.of(topic, payload, qos));
            if (qos > 0) {
                last.get();
            }
        }

        @Override
        public void drain() throws Exception {
            if (last != null) {
                last.get();
            }
        }

        @Override
        public void subscribe(Topic topic) throws Exception {
            c.subscribeWith().topicFilter(topic.name()).qos(MqttQos.AT_MOST_ONCE).callback(p -> arrived.release())
                    .send().get();
        }

        @Override
        public void roundTrip(Topic topic, byte[] payload) throws Exception {
            c.publish(messages.of(topic, payload, 0));
            arrived.acquire();
        }

        @Override
        public void disconnect() throws Exception {
            c.disconnect().get();
        }
    }
}

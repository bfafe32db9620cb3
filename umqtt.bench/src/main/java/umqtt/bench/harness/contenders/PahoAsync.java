package umqtt.bench.harness.contenders;

import java.util.concurrent.Semaphore;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;

/**
 * Eclipse Paho 1.2.5's {@link MqttAsyncClient} with memory persistence: QoS 0 publishes are queued
 * without waiting (its design), QoS 1 waits for each token (sequential, as the scenario says).
 */
public final class PahoAsync implements Contender {

    /** Creates the contender. */
    public PahoAsync() {
    }

    @Override
    public Client create(String host, int port, String clientId) throws MqttException {
        return new PahoAsyncClient(new MqttAsyncClient(ServerUri.of("tcp://", host, port), clientId,
                new MemoryPersistence()));
    }

    private static final class PahoAsyncClient implements Client {
        private final MqttAsyncClient c;
        private final Semaphore arrived = new Semaphore(0);
        private org.eclipse.paho.client.mqttv3.IMqttToken last;

        PahoAsyncClient(MqttAsyncClient c) {
            this.c = c;
            c.setCallback(PahoSync.countingArrivals(arrived));
        }

        @Override
        public void connect() throws MqttException {
            c.connect(PahoSync.options()).waitForCompletion();
        }

        @Override
        public void publish(Topic topic, byte[] payload, int qos) throws MqttException {
            last = c.publish(topic.name(), payload, qos, false);
            if (qos > 0) {
                last.waitForCompletion();
            }
        }

        @Override
        public void drain() throws MqttException {
            if (last != null) {
                last.waitForCompletion();
            }
        }

        @Override
        public void subscribe(Topic topic) throws MqttException {
            c.subscribe(topic.name(), 0).waitForCompletion();
        }

        @Override
        public void roundTrip(Topic topic, byte[] payload) throws Exception {
            c.publish(topic.name(), payload, 0, false);
            arrived.acquire();
        }

        @Override
        public void disconnect() throws MqttException {
            c.disconnect().waitForCompletion();
            c.close();
        }
    }
}

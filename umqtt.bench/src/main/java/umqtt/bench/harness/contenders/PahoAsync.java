package umqtt.bench.harness.contenders;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;
import umqtt.bench.harness.Windowed;

/**
 * Eclipse Paho 1.2.5's {@link MqttAsyncClient} with memory persistence: QoS 0 publishes are queued
 * without waiting (its design), QoS 1 waits for each token (sequential, as the scenario says).
 * Windowed: {@code maxInflight} = window, and a semaphore of window permits, each released in
 * {@code deliveryComplete} (Paho has already freed its in-flight slot by then), so the adapter waits
 * instead of being refused with "Too many publishes in progress".
 */
public final class PahoAsync implements Contender, Windowed {

    /** Creates the contender. */
    public PahoAsync() {
    }

    @Override
    public Client create(String host, int port, String clientId) throws MqttException {
        return new PahoAsyncClient(new MqttAsyncClient(ServerUri.of("tcp://", host, port), clientId,
                new MemoryPersistence()));
    }

    @Override
    public Publisher createWindowed(String host, int port, String clientId, int window) throws MqttException {
        return new PahoWindowed(new MqttAsyncClient(ServerUri.of("tcp://", host, port), clientId,
                new MemoryPersistence()), window);
    }

    private static final class PahoWindowed implements Publisher, MqttCallback {
        private final MqttAsyncClient c;
        private final int window;
        private final WindowSlots slots;

        PahoWindowed(MqttAsyncClient c, int window) {
            this.c = c;
            this.window = window;
            this.slots = new WindowSlots(window);
            c.setCallback(this);
        }

        @Override
        public void connect() throws MqttException {
            MqttConnectOptions o = PahoSync.options();
            o.setMaxInflight(window);
            c.connect(o).waitForCompletion();
        }

        @Override
        public void send(Topic topic, byte[] payload) throws Exception {
            slots.take();
            c.publish(topic.name(), payload, 1, false);
        }

        @Override
        public void flush() throws Exception {
            slots.awaitAll();
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            slots.release();
        }

        @Override
        public void connectionLost(Throwable cause) {
            slots.fail(cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
        }

        @Override
        public void disconnect() throws MqttException {
            c.disconnect().waitForCompletion();
            c.close();
        }
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

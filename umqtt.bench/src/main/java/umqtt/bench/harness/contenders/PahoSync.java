package umqtt.bench.harness.contenders;

import java.util.concurrent.Semaphore;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;

/** Eclipse Paho 1.2.5's blocking {@link MqttClient} with memory persistence. */
public final class PahoSync implements Contender {

    /** Creates the contender. */
    public PahoSync() {
    }

    @Override
    public Client create(String host, int port, String clientId) throws MqttException {
        return new PahoSyncClient(new MqttClient(ServerUri.of("tcp://", host, port), clientId, new MemoryPersistence()));
    }

    static MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setKeepAliveInterval(60);
        o.setAutomaticReconnect(false);
        // Paho frees an in-flight slot after it completes the token, so even strictly sequential QoS 1
        // publishes trip its default limit of 10 ("Too many publishes in progress"); raise it.
        o.setMaxInflight(1000);
        return o;
    }

    /** A Paho callback that only counts arrivals, shared by the sync and async adapters. */
    static MqttCallback countingArrivals(Semaphore arrived) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived.release();
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }

    private static final class PahoSyncClient implements Client {
        private final MqttClient c;
        private final Semaphore arrived = new Semaphore(0);

        PahoSyncClient(MqttClient c) {
            this.c = c;
            c.setCallback(PahoSync.countingArrivals(arrived));
        }

        @Override
        public void connect() throws MqttException {
            c.connect(options());
        }

        @Override
        public void publish(Topic topic, byte[] payload, int qos) throws MqttException {
            c.publish(topic.name(), payload, qos, false);
        }

        @Override
        public void drain() {
        }

        @Override
        public void subscribe(Topic topic) throws MqttException {
            c.subscribe(topic.name(), 0);
        }

        @Override
        public void roundTrip(Topic topic, byte[] payload) throws Exception {
            c.publish(topic.name(), payload, 0, false);
            arrived.acquire();
        }

        @Override
        public void disconnect() throws MqttException {
            c.disconnect();
            c.close();
        }
    }
}

package umqtt.bench.harness.contenders;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;
import umqtt.bench.harness.Windowed;

/**
 * The HiveMQ MQTT client 1.3.7, async API, MQTT 3: QoS 0 publishes are not awaited (its design),
 * QoS 1 waits for each future (sequential, as the scenario says). Windowed: at most window futures
 * outstanding, bounded by a semaphore whose permits the futures' completions release.
 */
public final class HiveMqAsync implements Contender, Windowed {

    /** Creates the contender. */
    public HiveMqAsync() {
    }

    @Override
    public Client create(String host, int port, String clientId) {
        return new HiveMqAsyncClient(Mqtt3Client.builder().identifier(clientId).serverHost(host).serverPort(port)
                .buildAsync());
    }

    @Override
    public Publisher createWindowed(String host, int port, String clientId, int window) {
        Mqtt3AsyncClient c = Mqtt3Client.builder().identifier(clientId).serverHost(host).serverPort(port)
                .buildAsync();
        HiveMqBlocking.Messages messages = new HiveMqBlocking.Messages();
        WindowSlots slots = new WindowSlots(window);
        return new Publisher() {
            @Override
            public void connect() throws Exception {
                c.connectWith().cleanSession(true).keepAlive(60).send().get();
            }

            @Override
            public void send(Topic topic, byte[] payload) throws Exception {
                slots.take();
                c.publish(messages.of(topic, payload, 1)).whenComplete((p, t) -> {
                    if (t != null) {
                        slots.fail(t);
                    } else {
                        slots.release();
                    }
                });
            }

            @Override
            public void flush() throws Exception {
                slots.awaitAll();
            }

            @Override
            public void disconnect() throws Exception {
                c.disconnect().get();
            }
        };
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

package umqtt.bench.harness.contenders;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;
import umqtt.bench.harness.Windowed;

/**
 * The HiveMQ MQTT client 1.3.7, async API, MQTT 5, as {@link HiveMqAsync} is for MQTT 3: QoS 0
 * publishes are not awaited (its design), QoS 1 waits for each future; windowed, at most window
 * futures outstanding ({@link WindowSlots}). A PUBACK with an error reason code fails the future
 * (HiveMQ's Mqtt5PubAckException), so a refused message stops the run instead of counting.
 */
public final class HiveMq5Async implements Contender, Windowed {

    /** Creates the contender. */
    public HiveMq5Async() {
    }

    @Override
    public Client create(String host, int port, String clientId) {
        return new Async(Mqtt5Client.builder().identifier(clientId).serverHost(host).serverPort(port).buildAsync());
    }

    @Override
    public Publisher createWindowed(String host, int port, String clientId, int window) {
        Mqtt5AsyncClient c = Mqtt5Client.builder().identifier(clientId).serverHost(host).serverPort(port).buildAsync();
        HiveMq5Blocking.Messages messages = new HiveMq5Blocking.Messages();
        WindowSlots slots = new WindowSlots(window);
        return new Publisher() {
            @Override
            public void connect() throws Exception {
                c.connectWith().cleanStart(true).keepAlive(60).send().get();
            }

            @Override
            public void send(Topic topic, byte[] payload) throws Exception {
                slots.take();
                c.publish(messages.of(topic, payload, 1)).whenComplete((r, t) -> {
                    Throwable failure = t != null ? t : r.getError().orElse(null);
                    if (failure != null) {
                        slots.fail(failure);
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

    private static final class Async implements Client {
        private final Mqtt5AsyncClient c;
        private final HiveMq5Blocking.Messages messages = new HiveMq5Blocking.Messages();
        private final Semaphore arrived = new Semaphore(0);
        private CompletableFuture<Mqtt5PublishResult> last;

        Async(Mqtt5AsyncClient c) {
            this.c = c;
        }

        @Override
        public void connect() throws Exception {
            c.connectWith().cleanStart(true).keepAlive(60).send().get();
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

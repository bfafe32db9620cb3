package umqtt.bench.harness.contenders;

import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;

/**
 * The HiveMQ MQTT client 1.3.7, blocking API, for either MQTT version ({@link HiveMqBlockingLink}):
 * each publish returns once sent (QoS 0) or acknowledged (QoS 1).
 */
abstract class HiveMqBlockingContender implements Contender {

    private final HiveMqOpener<HiveMqBlockingLink<?>> opener;

    HiveMqBlockingContender(HiveMqOpener<HiveMqBlockingLink<?>> opener) {
        this.opener = opener;
    }

    @Override
    public final Client create(String host, int port, String clientId) {
        return new Blocking<>(opener.open(host, port, clientId));
    }

    private static final class Blocking<M> implements Client {
        private final HiveMqBlockingLink<M> link;
        private final HiveMqMessages<M> messages;
        private HiveMqBlockingLink.Incoming incoming;

        Blocking(HiveMqBlockingLink<M> link) {
            this.link = link;
            this.messages = new HiveMqMessages<>(link.message());
        }

        @Override
        public void connect() {
            link.connect().run();
        }

        @Override
        public void publish(Topic topic, byte[] payload, int qos) {
            link.publish().accept(messages.of(topic, payload, qos));
        }

        @Override
        public void drain() {
        }

        @Override
        public void subscribe(Topic topic) {
            incoming = link.subscribe().apply(topic.name());
        }

        @Override
        public void roundTrip(Topic topic, byte[] payload) throws InterruptedException {
            link.publish().accept(messages.of(topic, payload, 0));
            incoming.receiver().receive();
        }

        @Override
        public void disconnect() {
            if (incoming != null) {
                incoming.close().run();
            }
            link.disconnect().run();
        }
    }
}

package umqtt.bench.harness.contenders;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

/** HiveMQ's MQTT 3 client bound to the HiveMQ contenders' links. */
final class HiveMq3Links {

    private HiveMq3Links() {
    }

    /** The async API; an MQTT 3 PUBACK carries no reason, so only a failed future is a failure. */
    static HiveMqAsyncLink<Mqtt3Publish, Mqtt3Publish> async(String host, int port, String clientId) {
        Mqtt3AsyncClient c = Mqtt3Client.builder().identifier(clientId).serverHost(host).serverPort(port).buildAsync();
        return new HiveMqAsyncLink<>(() -> c.connectWith().cleanSession(true).keepAlive(60).send(),
                HiveMq3Links::message, c::publish, result -> null,
                (filter, onMessage) -> c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_MOST_ONCE)
                        .callback(p -> onMessage.run()).send(), c::disconnect);
    }

    static HiveMqBlockingLink<Mqtt3Publish> blocking(String host, int port, String clientId) {
        Mqtt3BlockingClient c = Mqtt3Client.builder().identifier(clientId).serverHost(host).serverPort(port)
                .buildBlocking();
        return new HiveMqBlockingLink<>(() -> c.connectWith().cleanSession(true).keepAlive(60).send(),
                HiveMq3Links::message, c::publish, filter -> {
                    Mqtt3BlockingClient.Mqtt3Publishes in = c.publishes(MqttGlobalPublishFilter.ALL);
                    c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_MOST_ONCE).send();
                    return new HiveMqBlockingLink.Incoming(in::receive, in::close);
                }, c::disconnect);
    }

    private static Mqtt3Publish message(String topic, MqttQos qos, byte[] payload) {
        return Mqtt3Publish.builder().topic(topic).qos(qos).payload(payload).build();
    }
}

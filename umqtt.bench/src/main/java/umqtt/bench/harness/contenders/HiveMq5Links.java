package umqtt.bench.harness.contenders;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;

/**
 * HiveMQ's MQTT 5 client bound to the HiveMQ contenders' links. A PUBACK with an error reason code
 * fails a publish (HiveMQ's Mqtt5PubAckException): the async future completes exceptionally, the
 * blocking publish throws; the async link checks the result's error besides.
 */
final class HiveMq5Links {

    private HiveMq5Links() {
    }

    static HiveMqAsyncLink<Mqtt5Publish, Mqtt5PublishResult> async(String host, int port, String clientId) {
        Mqtt5AsyncClient c = Mqtt5Client.builder().identifier(clientId).serverHost(host).serverPort(port).buildAsync();
        return new HiveMqAsyncLink<>(() -> c.connectWith().cleanStart(true).keepAlive(60).send(),
                HiveMq5Links::message, c::publish, result -> result.getError().orElse(null),
                (filter, onMessage) -> c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_MOST_ONCE)
                        .callback(p -> onMessage.run()).send(), c::disconnect);
    }

    static HiveMqBlockingLink<Mqtt5Publish> blocking(String host, int port, String clientId) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(clientId).serverHost(host).serverPort(port)
                .buildBlocking();
        return new HiveMqBlockingLink<>(() -> c.connectWith().cleanStart(true).keepAlive(60).send(),
                HiveMq5Links::message, c::publish, filter -> {
                    Mqtt5BlockingClient.Mqtt5Publishes in = c.publishes(MqttGlobalPublishFilter.ALL);
                    c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_MOST_ONCE).send();
                    return new HiveMqBlockingLink.Incoming(in::receive, in::close);
                }, c::disconnect);
    }

    private static Mqtt5Publish message(String topic, MqttQos qos, byte[] payload) {
        return Mqtt5Publish.builder().topic(topic).qos(qos).payload(payload).build();
    }
}

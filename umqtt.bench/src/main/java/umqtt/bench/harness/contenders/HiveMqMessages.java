package umqtt.bench.harness.contenders;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import umqtt.bench.harness.Topic;

/**
 * The HiveMQ contenders' message: each distinct one built once as HiveMQ's immutable publish and
 * re-sent, the library's own idiom.
 *
 * @param <M> the MQTT version's publish type
 */
final class HiveMqMessages<M> {

    /** Builds one version's publish. */
    interface Builder<M> {
        M build(String topic, MqttQos qos, byte[] payload);
    }

    private final Builder<M> builder;
    private Topic topic;
    private byte[] payload;
    private int qos = -1;
    private M publish;

    HiveMqMessages(Builder<M> builder) {
        this.builder = builder;
    }

    M of(Topic t, byte[] p, int q) {
        if (t != topic || p != payload || q != qos) {
            publish = builder.build(t.name(), q == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE, p);
            topic = t;
            payload = p;
            qos = q;
        }
        return publish;
    }
}

package umqtt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import umqtt.api.Message;
import umqtt.api.MqttClient;

/**
 * The calls pub and sub make, over one client: as {@link MqttClient}'s for MQTT 3.1.1, or, in
 * {@code Mqtt5Calls}, with the {@code -D} properties of each packet, the subscription options and the
 * reason codes of MQTT 5. The rest (connect, waits, flush) goes to {@link #client}.
 */
class ClientCalls {

    /** The client itself. */
    final MqttClient client;

    /** @param client any client, whose calls these are as they are */
    ClientCalls(MqttClient client) {
        this.client = client;
    }

    /**
     * Sets where messages go.
     *
     * @param receiver hears each message with its properties (an {@code Mqtt5MessageProperties}; null
     *     for none, as every MQTT 3.1.1 message)
     */
    void setReceiver(BiConsumer<Message, Object> receiver) {
        client.setCallback(m -> receiver.accept(m, null));
    }

    /**
     * Subscribes one filter.
     *
     * @return the granted QoS
     * @throws IOException as the client's subscribe; a refusal is an {@link umqtt.api.MqttException}
     */
    int subscribe(String filter, int qos) throws IOException {
        return client.subscribe(filter.getBytes(StandardCharsets.UTF_8), qos);
    }

    /** Unsubscribes one filter. */
    void unsubscribe(String filter) throws IOException {
        client.unsubscribe(filter.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a message as {@link MqttClient#send} does (MQTT 5: with PUBLISH's properties; a refusal heard so far is thrown). */
    long send(byte[] topic, byte[] payload, boolean retain, int qos) throws IOException {
        return client.send(topic, payload, retain, qos);
    }

    /** Disconnects (MQTT 5: with DISCONNECT's properties, after throwing a refusal heard so far). */
    void disconnect() throws IOException {
        client.disconnect();
    }
}

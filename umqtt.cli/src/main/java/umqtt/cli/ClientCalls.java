package umqtt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import umqtt.api.Message;
import umqtt.api.MqttClient;

/**
 * The calls pub and sub make, over one client: as {@link MqttClient}'s for MQTT 3.1.1
 * ({@link #plain}), or with the {@code -D} properties of each packet and the subscription options
 * for MQTT 5 ({@code Mqtt5Calls}). The rest (connect, waits, flush) goes to {@link #client()}.
 */
interface ClientCalls {

    /** Hears each message with its properties ({@link MessageProperties#NONE} for 3.1.1). */
    @FunctionalInterface
    interface Receiver {
        void accept(Message message, MessageProperties properties);
    }

    /** @return the client itself */
    MqttClient client();

    /** Sets where messages go. */
    void setReceiver(Receiver receiver);

    /**
     * Subscribes one filter.
     *
     * @return the granted QoS
     * @throws IOException as the client's subscribe; a refusal is an {@link umqtt.api.MqttException}
     */
    int subscribe(String filter, int qos) throws IOException;

    /** Unsubscribes one filter. */
    void unsubscribe(String filter) throws IOException;

    /** Sends a message as {@link MqttClient#send} does (with PUBLISH's properties for MQTT 5). */
    long send(byte[] topic, byte[] payload, boolean retain, int qos) throws IOException;

    /** Disconnects (with DISCONNECT's properties for MQTT 5). */
    void disconnect() throws IOException;

    /**
     * Says why the broker refused a message that {@link #send} sent, as the {@code AckListener} heard it.
     *
     * @param topic the message's topic
     * @param failure what the listener got
     * @return the error to throw, with the reason code (and the broker's reason string, MQTT 5)
     */
    IOException refused(String topic, Exception failure);

    /**
     * @param client any client
     * @return its calls, as they are
     */
    static ClientCalls plain(MqttClient client) {
        return new ClientCalls() {
            @Override
            public MqttClient client() {
                return client;
            }

            @Override
            public void setReceiver(Receiver receiver) {
                client.setCallback(m -> receiver.accept(m, MessageProperties.NONE));
            }

            @Override
            public int subscribe(String filter, int qos) throws IOException {
                return client.subscribe(filter.getBytes(StandardCharsets.UTF_8), qos);
            }

            @Override
            public void unsubscribe(String filter) throws IOException {
                client.unsubscribe(filter.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public long send(byte[] topic, byte[] payload, boolean retain, int qos) throws IOException {
                return client.send(topic, payload, retain, qos);
            }

            @Override
            public void disconnect() throws IOException {
                client.disconnect();
            }

            @Override
            public IOException refused(String topic, Exception failure) {
                return failure instanceof IOException e ? e
                        : new IOException("the message to " + topic + " failed: " + failure, failure);
            }
        };
    }
}

package umqtt.mqtt5;

import umqtt.api.Message;

/**
 * Receives the messages of an {@link Mqtt5Client} with their MQTT 5 properties. It runs on the
 * thread that called {@code waitMsg}, {@code checkMsg} or an operation that waits for an answer;
 * an inbound QoS 1 message is acknowledged after it returns.
 */
@FunctionalInterface
public interface Mqtt5Callback {

    /**
     * Handles one message.
     *
     * @param message topic (the full name, also when the broker sent a topic alias), payload, QoS,
     *     retain and DUP flags
     * @param properties what the PUBLISH carried: payload format, message expiry, content type,
     *     response topic, correlation data, user properties, subscription identifiers;
     *     {@link PublishProperties#NONE} when it carried none
     */
    void onMessage(Message message, PublishProperties properties);
}

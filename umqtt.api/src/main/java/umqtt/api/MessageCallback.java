package umqtt.api;

/**
 * Receives the messages of a client's subscriptions, on the thread that called the client method
 * that read them ({@link MqttClient#waitMsg()}, {@link MqttClient#checkMsg()}, or the wait of a
 * publish, subscribe or unsubscribe).
 *
 * <p>The callback may call the client back, publishing included (an echo service works): a QoS 1
 * or 2 publish made from the callback delivers the messages that arrive during its wait after the
 * callback returns, so callbacks never nest.
 */
@FunctionalInterface
public interface MessageCallback {

    /**
     * Handles one message. A QoS 1 or 2 message is acknowledged after this returns.
     *
     * @param message the message; its arrays belong to the callback
     */
    void onMessage(Message message);
}

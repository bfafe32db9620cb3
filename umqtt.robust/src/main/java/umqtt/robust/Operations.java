package umqtt.robust;

import umqtt.api.MqttException;

/**
 * The operations of the {@link umqtt.api.MqttClient} interface as the retry loop runs them (the
 * publish, which knows more, is {@link PublishOperation}). Subscribing and unsubscribing update
 * the remembered subscriptions only once the broker answered.
 */
final class Operations {

    static final Operation<Void> PING = (d, i) -> {
        d.ping();
        return null;
    };

    static final Operation<Void> WAIT_MSG = (d, i) -> {
        d.waitMsg();
        return null;
    };

    static final Operation<Boolean> CHECK_MSG = (d, i) -> d.checkMsg();

    private Operations() {
    }

    static Operation<Integer> subscribe(Subscriptions subscriptions, byte[] topic, int qos) {
        return (d, i) -> {
            int granted = d.subscribe(topic, qos);
            subscriptions.subscribed(topic, qos);
            return granted;
        };
    }

    /** Remembers every filter the broker granted. */
    static Operation<int[]> subscribe(Subscriptions subscriptions, byte[][] topics, int[] qos) {
        return (d, i) -> {
            int[] granted = d.subscribe(topics, qos);
            for (int k = 0; k < topics.length; k++) {
                if (granted[k] < MqttException.SUBSCRIPTION_REFUSED) { // MQTT 5 refuses with any code from 0x80
                    subscriptions.subscribed(topics[k], qos[k]);
                }
            }
            return granted;
        };
    }

    static Operation<Void> unsubscribe(Subscriptions subscriptions, byte[] topic) {
        return (d, i) -> {
            d.unsubscribe(topic);
            subscriptions.unsubscribed(topic);
            return null;
        };
    }
}

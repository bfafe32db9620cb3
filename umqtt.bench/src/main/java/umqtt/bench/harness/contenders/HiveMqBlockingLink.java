package umqtt.bench.harness.contenders;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One MQTT version of HiveMQ's blocking client, for {@link HiveMqBlockingContender}: its Mqtt3 and
 * Mqtt5 client types share no interface, so each version binds these operations to its own.
 *
 * @param connect connects with a clean session (MQTT 3) or clean start (MQTT 5), keepalive 60 s
 * @param message builds a publish, once per distinct message ({@link HiveMqMessages})
 * @param publish publishes and, at QoS 1, waits for the PUBACK; throws on a PUBACK with an error
 *     reason code (MQTT 5)
 * @param subscribe opens the stream of incoming messages, then subscribes to a filter at QoS 0
 * @param disconnect disconnects
 * @param <M> the version's publish type
 */
record HiveMqBlockingLink<M>(Runnable connect, HiveMqMessages.Builder<M> message, Consumer<M> publish,
        Function<String, Incoming> subscribe, Runnable disconnect) {

    /** The stream of incoming messages that a subscription opened. */
    record Incoming(Receiver receiver, Runnable close) {
    }

    /** Waits for the next incoming message. */
    interface Receiver {
        Object receive() throws InterruptedException;
    }
}

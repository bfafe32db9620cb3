package umqtt.bench.harness.contenders;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One MQTT version of HiveMQ's async client, for {@link HiveMqAsyncContender}: its Mqtt3 and Mqtt5
 * client types share no interface, so each version binds these operations to its own.
 *
 * @param connect connects with a clean session (MQTT 3) or clean start (MQTT 5), keepalive 60 s
 * @param message builds a publish, once per distinct message ({@link HiveMqMessages})
 * @param publish publishes; the future completes on sending (QoS 0) or the PUBACK (QoS 1)
 * @param refusal the error a completed publish's result carries though its future did not fail, or null
 * @param subscribe subscribes to a filter at QoS 0, running the callback for each message that arrives
 * @param disconnect disconnects
 * @param <M> the version's publish type
 * @param <R> what a publish's future completes with
 */
record HiveMqAsyncLink<M, R>(Supplier<CompletableFuture<?>> connect, HiveMqMessages.Builder<M> message,
        Function<M, CompletableFuture<R>> publish, Function<R, Throwable> refusal,
        BiFunction<String, Runnable, CompletableFuture<?>> subscribe, Supplier<CompletableFuture<?>> disconnect) {
}

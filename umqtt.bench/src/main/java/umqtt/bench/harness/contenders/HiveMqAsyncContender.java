package umqtt.bench.harness.contenders;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;
import umqtt.bench.harness.Windowed;

/**
 * The HiveMQ MQTT client 1.3.7, async API, for either MQTT version ({@link HiveMqAsyncLink}): QoS 0
 * publishes are not awaited (its design), QoS 1 waits for each future (sequential, as the scenario
 * says). Windowed: at most window futures outstanding ({@link WindowSlots}), whose completions
 * free the slots; a failed future, or a result carrying an error, stops the run instead of counting.
 */
abstract class HiveMqAsyncContender implements Contender, Windowed {

    private final HiveMqOpener<HiveMqAsyncLink<?, ?>> opener;

    HiveMqAsyncContender(HiveMqOpener<HiveMqAsyncLink<?, ?>> opener) {
        this.opener = opener;
    }

    @Override
    public final Client create(String host, int port, String clientId) {
        return new Sequential<>(opener.open(host, port, clientId));
    }

    @Override
    public final Publisher createWindowed(String host, int port, String clientId, int window) {
        return new WindowedPublisher<>(opener.open(host, port, clientId), window);
    }

    private static void complete(Supplier<CompletableFuture<?>> step) throws Exception {
        step.get().get();
    }

    private static final class WindowedPublisher<M, R> implements Publisher {
        private final HiveMqAsyncLink<M, R> link;
        private final HiveMqMessages<M> messages;
        private final WindowSlots slots;

        WindowedPublisher(HiveMqAsyncLink<M, R> link, int window) {
            this.link = link;
            this.messages = new HiveMqMessages<>(link.message());
            this.slots = new WindowSlots(window);
        }

        @Override
        public void connect() throws Exception {
            complete(link.connect());
        }

        @Override
        public void send(Topic topic, byte[] payload) throws Exception {
            slots.take();
            link.publish().apply(messages.of(topic, payload, 1)).whenComplete((r, t) -> {
                Throwable failure = t != null ? t : link.refusal().apply(r);
                if (failure != null) {
                    slots.fail(failure);
                } else {
                    slots.release();
                }
            });
        }

        @Override
        public void flush() throws Exception {
            slots.awaitAll();
        }

        @Override
        public void disconnect() throws Exception {
            complete(link.disconnect());
        }
    }

    private static final class Sequential<M, R> implements Client {
        private final HiveMqAsyncLink<M, R> link;
        private final HiveMqMessages<M> messages;
        private final Semaphore arrived = new Semaphore(0);
        private CompletableFuture<R> last;

        Sequential(HiveMqAsyncLink<M, R> link) {
            this.link = link;
            this.messages = new HiveMqMessages<>(link.message());
        }

        @Override
        public void connect() throws Exception {
            complete(link.connect());
        }

        @Override
        public void publish(Topic topic, byte[] payload, int qos) throws Exception {
            last = link.publish().apply(messages.of(topic, payload, qos));
            if (qos > 0) {
                last.get();
            }
        }

        @Override
        public void drain() throws Exception {
            if (last != null) {
                last.get();
            }
        }

        @Override
        public void subscribe(Topic topic) throws Exception {
            link.subscribe().apply(topic.name(), arrived::release).get();
        }

        @Override
        public void roundTrip(Topic topic, byte[] payload) throws Exception {
            link.publish().apply(messages.of(topic, payload, 0));
            arrived.acquire();
        }

        @Override
        public void disconnect() throws Exception {
            complete(link.disconnect());
        }
    }
}

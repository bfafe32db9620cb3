package umqtt.examples.demo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import umqtt.examples.Broker;

/**
 * One example running on a thread of its own while a step drives it: first a {@link Watcher} on the
 * broker (to publish to the example and to see what it publishes), then the example, awaited until
 * it says it is ready (subscribed, or online); {@link #result()} then awaits its end. Each wait lasts
 * at most {@link Steps#TIMEOUT_SECONDS}; an example that fails before it is ready ends the wait at
 * once with its own exception. Closing closes the watcher.
 *
 * @param <T> what the example returns
 */
final class ExampleRun<T> implements AutoCloseable {

    /** An example that returns what it saw, and runs {@code ready} once it is ready. */
    interface Returning<T> {
        T run(Runnable ready) throws Exception;
    }

    /** An example that returns nothing, and runs {@code ready} once it is ready. */
    interface Plain {
        void run(Runnable ready) throws Exception;
    }

    private static final long PROBE_MILLIS = 200;
    private static final String LATE = "the example did not finish within " + Steps.TIMEOUT_SECONDS + " s";

    private final Watcher watcher;
    private final CompletableFuture<T> end;

    private ExampleRun(Watcher watcher, CompletableFuture<T> end) {
        this.watcher = watcher;
        this.end = end;
    }

    /** Starts an example that returns nothing, watching {@code filter} at {@code watchAt}. */
    static ExampleRun<Void> start(Broker watchAt, String filter, Plain example) throws Exception {
        return startReturning(watchAt, filter, ready -> {
            example.run(ready);
            return null;
        });
    }

    /** Starts an example that returns what it saw, watching {@code filter} at {@code watchAt}. */
    static <T> ExampleRun<T> startReturning(Broker watchAt, String filter, Returning<T> example) throws Exception {
        Watcher watcher = new Watcher(watchAt, filter);
        try {
            CompletableFuture<Void> ready = new CompletableFuture<>();
            CompletableFuture<T> end = OnThread.start("umqtt-demo-example", () -> example.run(() -> ready.complete(null)));
            OnThread.await(CompletableFuture.anyOf(ready, end), Steps.TIMEOUT_SECONDS,
                    "the example did not subscribe within " + Steps.TIMEOUT_SECONDS + " s");
            return new ExampleRun<>(watcher, end);
        } catch (Exception e) {
            watcher.close();
            throw e;
        }
    }

    /** @return the demo's own subscriber, which also publishes to the example */
    Watcher watcher() {
        return watcher;
    }

    /**
     * @return what the example returned
     * @throws Exception what the example threw, or a {@link TimeoutException} when it did not end in time
     */
    T result() throws Exception {
        return OnThread.await(end, Steps.TIMEOUT_SECONDS, LATE);
    }

    /**
     * Publishes {@code payload} to {@code topic} again and again until the example ends: a probe for a
     * subscription the demo cannot see being made.
     *
     * @return what the example returned
     * @throws Exception what the example threw, or a {@link TimeoutException} when it did not end in time
     */
    T publishUntilDone(String topic, String payload) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Steps.TIMEOUT_SECONDS);
        while (true) {
            watcher.publish(topic, payload);
            if (endedWithin(PROBE_MILLIS)) {
                return result();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException(LATE);
            }
        }
    }

    private boolean endedWithin(long millis) throws InterruptedException {
        try {
            end.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // ended: result() says how
        } catch (TimeoutException e) {
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        watcher.close();
    }
}

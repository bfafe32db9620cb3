package umqtt.examples.demo;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a piece of the demo on a daemon thread of its own (so that a step that hangs cannot keep the
 * JVM alive), and waits for such a piece with a time limit.
 */
final class OnThread {

    private OnThread() {
    }

    /**
     * @param name the thread's name
     * @param task what to run
     * @return completed with what {@code task} returns, or exceptionally with what it throws
     */
    static <T> CompletableFuture<T> start(String name, Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    /**
     * Waits for {@code f} for at most {@code seconds}.
     *
     * @param late the message of the {@link TimeoutException} when {@code f} is not done in time
     * @return what {@code f} completed with
     * @throws Exception what {@code f} completed exceptionally with, or a {@link TimeoutException}
     */
    static <T> T await(CompletableFuture<T> f, long seconds, String late) throws Exception {
        try {
            return f.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException(late);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}

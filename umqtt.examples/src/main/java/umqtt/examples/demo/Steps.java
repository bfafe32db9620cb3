package umqtt.examples.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The demo's numbered steps: prints each title, runs its body on a thread of its own for at most
 * {@link #TIMEOUT_SECONDS}, prints OK for each check that holds and FAILED with the reason when the
 * body throws, and sums up at the end.
 */
final class Steps {

    /** How long a step, or anything it waits for, may take. */
    static final long TIMEOUT_SECONDS = 30;

    /** A step's body; it fails by throwing. */
    interface Body {
        void run() throws Exception;
    }

    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();
    private int count;

    /** @param out where the demo's own lines go (the examples print to System.out, indented) */
    Steps(PrintStream out) {
        this.out = out;
    }

    /** @return where the demo's own lines go */
    PrintStream out() {
        return out;
    }

    /** Runs the next step, and counts it as failed when {@code body} throws or takes too long. */
    void run(String title, Body body) {
        count++;
        out.println("\n[" + count + "] " + title);
        CompletableFuture<Void> run = OnThread.start("umqtt-demo-step", () -> {
            body.run();
            return null;
        });
        try {
            OnThread.await(run, TIMEOUT_SECONDS, "did not finish within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(title, e);
        } catch (Exception e) {
            fail(title, e);
        }
    }

    /**
     * Prints OK and what was checked when {@code ok}.
     *
     * @throws IllegalStateException saying what was expected, when not {@code ok}
     */
    void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("not as expected: " + what);
        }
        out.println("    OK  " + what);
    }

    /** Prints FAILED and why, and counts it against the current step. */
    void fail(String title, Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        out.println("    FAILED  " + why);
        failures.add("[" + count + "] " + title + " -- " + why);
    }

    /**
     * Prints how the steps went.
     *
     * @param seconds how long the demo took
     * @return the exit status: 0 when every step passed, else 1
     */
    int summary(double seconds) {
        if (failures.isEmpty()) {
            out.printf(Locale.ROOT, "%nAll %d steps passed in %.1f s.%n", count, seconds);
            return 0;
        }
        out.printf(Locale.ROOT, "%n%d of %d steps FAILED:%n", failures.size(), count);
        failures.forEach(f -> out.println("  " + f));
        return 1;
    }
}

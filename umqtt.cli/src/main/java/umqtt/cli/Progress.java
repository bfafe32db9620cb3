package umqtt.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress line of a long run (count and rate), redrawn in place on standard error at
 * most four times a second, and only when standard error is a terminal: pipes and files never
 * see it.
 */
final class Progress {

    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long nextDraw = start + REDRAW_NANOS;
    private long count;
    private boolean drawn;

    Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Counts one message and redraws the line when it is due. */
    void tick() {
        count++;
        if (enabled) {
            long now = System.nanoTime();
            if (now >= nextDraw) {
                nextDraw = now + REDRAW_NANOS;
                draw(now, "\r");
                drawn = true;
            }
        }
    }

    /** Ends the line with a final count, if a line was drawn. */
    void finish() {
        if (drawn) {
            draw(System.nanoTime(), "\r");
            err.print('\n');
            err.flush();
        }
    }

    private void draw(long now, String prefix) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        err.print(String.format(Locale.ROOT, "%s%,d messages in %.1f s, %,.0f/s   ", prefix, count, seconds,
                count / seconds));
        err.flush();
    }
}

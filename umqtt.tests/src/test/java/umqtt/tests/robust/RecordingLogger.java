package umqtt.tests.robust;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@link System.Logger} that keeps every message (with its time), so tests can await and inspect them. */
final class RecordingLogger implements System.Logger {

    /** One logged message. */
    record Entry(Level level, String text, long nanos) {
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public String getName() {
        return "umqtt.robust";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        entries.add(new Entry(level, msg + (thrown == null ? "" : " " + thrown), System.nanoTime()));
        notifyAll();
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
        String text = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
        entries.add(new Entry(level, text, System.nanoTime()));
        notifyAll();
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    synchronized long count(String contains) {
        return entries.stream().filter(e -> e.text().contains(contains)).count();
    }

    /** All the text logged, for checks that something never appears. */
    synchronized String all() {
        StringBuilder b = new StringBuilder();
        entries.forEach(e -> b.append(e.level()).append(' ').append(e.text()).append('\n'));
        return b.toString();
    }

    /** Waits until {@code n} messages containing {@code contains} were logged. */
    synchronized boolean await(String contains, long n, long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        Predicate<Entry> p = e -> e.text().contains(contains);
        while (entries.stream().filter(p).count() < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}

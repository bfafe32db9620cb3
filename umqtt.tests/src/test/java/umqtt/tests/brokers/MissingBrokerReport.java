package umqtt.tests.brokers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of a test run which brokers were missing, how many tests each one's absence
 * skipped, and the command that installs it, one line per broker, e.g.
 * {@code [umqtt.tests] mosquitto missing: 96 tests skipped (install it: apt-get install mosquitto mosquitto-clients)}.
 * Registered for the JUnit Platform launcher in {@code META-INF/services}, so Surefire (and an
 * IDE) run it. It prints the lines on {@code System.out} and, when Surefire names the module's
 * {@code target/} (system property {@code umqtt.tests.target}), writes them to
 * {@code target/missing-brokers.txt}, which the build prints after the tests (Surefire keeps the
 * test JVM's own output in its report files).
 */
public final class MissingBrokerReport implements TestExecutionListener {

    /** The start of every line this report prints. */
    public static final String PREFIX = "[umqtt.tests] ";

    /** The file, in {@code target/}, that the build prints after the tests. */
    public static final String FILE = "missing-brokers.txt";

    private final PrintStream out;
    private final Path file;
    private final Map<String, AtomicInteger> skipped = new TreeMap<>();
    private final Map<String, String> installs = new TreeMap<>();
    private TestPlan plan;

    /** Prints to {@code System.out} and writes {@code target/missing-brokers.txt} under Surefire. */
    public MissingBrokerReport() {
        this(System.out, Optional.ofNullable(System.getProperty("umqtt.tests.target"))
                .map(target -> Path.of(target, FILE)).orElse(null));
    }

    MissingBrokerReport(PrintStream out, Path file) {
        this.out = out;
        this.file = file;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.ABORTED) {
            return;
        }
        MissingBrokerAbort abort = result.getThrowable().map(MissingBrokerReport::missingBroker).orElse(null);
        if (abort == null) {
            return;
        }
        long tests = test.isTest() ? 1 : plan == null ? 1
                : plan.getDescendants(test).stream().filter(TestIdentifier::isTest).count();
        skipped.computeIfAbsent(abort.broker(), broker -> new AtomicInteger()).addAndGet((int) tests);
        installs.putIfAbsent(abort.broker(), abort.install());
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        List<String> lines = lines();
        for (String line : lines) {
            out.println(line);
        }
        out.flush();
        if (file != null) {
            try {
                if (lines.isEmpty()) {
                    Files.deleteIfExists(file);
                } else {
                    Files.write(file, lines, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                out.println(PREFIX + "cannot write " + file + ": " + e);
            }
        }
    }

    /** @return the summary lines, one per missing broker (none when no test was skipped for one) */
    synchronized List<String> lines() {
        return skipped.entrySet().stream()
                .map(entry -> PREFIX + entry.getKey() + " missing: " + entry.getValue() + " test"
                        + (entry.getValue().get() == 1 ? "" : "s") + " skipped (install it: "
                        + installs.get(entry.getKey()) + ")")
                .toList();
    }

    /** @return the {@link MissingBrokerAbort} in the error's cause chain, or null */
    static MissingBrokerAbort missingBroker(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MissingBrokerAbort abort) {
                return abort;
            }
        }
        return null;
    }
}

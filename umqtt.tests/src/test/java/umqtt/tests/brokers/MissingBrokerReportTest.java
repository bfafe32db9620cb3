package umqtt.tests.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The end-of-run line about missing brokers, the skip inside {@code assertThrows}, and the switch
 * that hides brokers: each run on sample tests through the JUnit launcher, as Surefire runs them.
 */
class MissingBrokerReportTest {

    /** Sample tests, run only by the launcher below (Surefire skips nested classes). */
    static class Samples {

        @Test
        void brokerMissing() {
            throw new MissingBrokerAbort("frob", "apt-get install frob", "frob is not installed");
        }

        @Test
        void brokerMissingInsideAssertThrows() {
            assertThrows(IOException.class, () -> {
                throw new MissingBrokerAbort("frob", "apt-get install frob", "frob is not installed");
            });
        }

        @Test
        void skippedForAnotherReason() {
            Assumptions.abort("not about brokers");
        }

        @Test
        void passes() {
        }
    }

    @Test
    void countsTheSkipsOfEachMissingBrokerAndKeepsASkipInsideAssertThrowsASkip() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        MissingBrokerReport report = new MissingBrokerReport(new PrintStream(printed, true, StandardCharsets.UTF_8), null);
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Samples.class))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .build();
        LauncherFactory.create().execute(request, report, summary);

        TestExecutionSummary counts = summary.getSummary();
        assertEquals(0, counts.getTotalFailureCount(), "the skip inside assertThrows became a failure: "
                + counts.getFailures().stream().map(f -> f.getException().toString()).toList());
        assertEquals(3, counts.getTestsAbortedCount());
        String line = "[umqtt.tests] frob missing: 2 tests skipped (install it: apt-get install frob)";
        assertEquals(List.of(line), report.lines());
        assertEquals(line + System.lineSeparator(), printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hidingNamesBrokersAndTheProgramsThatComeWithThem() {
        assertEquals(Set.of("mosquitto", "aedes"), HiddenBrokers.parse(" mosquitto, aedes ,"));
        assertEquals(Set.of(), HiddenBrokers.parse(null));
        assertTrue(HiddenBrokers.hides(Mosquitto.NAME) == System.getenv().getOrDefault(HiddenBrokers.VARIABLE, "")
                .contains(Mosquitto.NAME));
        if (HiddenBrokers.hides(Mosquitto.NAME)) {
            assertTrue(HiddenBrokers.hidesProgram("mosquitto_pub"));
            assertTrue(Executables.find("mosquitto_sub", java.nio.file.Path.of("/usr/bin")).isEmpty());
        }
        assertFalse(HiddenBrokers.hidesProgram("mosquittoish"));
        assertFalse(HiddenBrokers.hidesProgram("openssl"));
    }
}

package umqtt.tests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;

/**
 * The README's first command, minus the build: {@code java -jar umqtt.examples/target/umqtt-demo.jar}
 * in a child JVM (its own embedded HiveMQ), and with {@code --broker} against the other brokers of the tests.
 */
class DemoTest {

    private static final Path JAR = Path.of(System.getProperty("umqtt.examples.target", "../umqtt.examples/target"),
            "umqtt-demo.jar");

    @Test
    void demoRunsEveryStepAgainstItsEmbeddedBroker() throws Exception {
        String out = demo();
        assertTrue(out.contains("TLS                 mqtts://localhost:"), out);
        assertTrue(out.contains("WebSocket           ws://127.0.0.1:"), out);
        assertTrue(out.contains("WebSocket over TLS  wss://localhost:"), out);
        assertTrue(out.contains("OK  a subscriber received 'hello' on foo_topic"), out);
        assertTrue(out.matches("(?s).*All \\d+ steps passed in .*"), out);
        assertTrue(!out.contains("FAILED"), out);
    }

    /**
     * The brokers but HiveMQ: the test above runs the demo on a HiveMQ of its own, and the shared
     * one holds the sessions of RobustExamplesTest, whose client ids and topics the demo also uses.
     */
    static Stream<Broker> otherBrokers() {
        return Brokers.all().filter(broker -> !broker.name().equals(Brokers.hivemq().name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherBrokers")
    void demoAgainstARealBroker(Broker broker) throws Exception {
        String out = demo("--broker", broker.uri(Listener.TCP).toString());
        assertTrue(out.matches("(?s).*All \\d+ steps passed in .*"), out);
    }

    private static String demo(String... args) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "missing " + JAR + ": mvn package builds it");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the demo finished: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}

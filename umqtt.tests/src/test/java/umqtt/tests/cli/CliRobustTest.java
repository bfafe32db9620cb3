package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.MqttClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.PrivateBroker;
import umqtt.tests.brokers.RestartableBroker;

/** {@code umqtt sub --robust} keeps going across a broker restart; without it, the restart ends the run. */
class CliRobustTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#restartable")
    void robustSubscriberKeepsGoingAcrossABrokerRestart(PrivateBroker server) throws Exception {
        RestartableBroker broker = server.start();
        Process sub = null;
        try {
            URI uri = broker.uri(Listener.TCP);
            String topic = "cli/robust/" + System.nanoTime();
            publish(uri, topic, "before", true); // retained: arrives once, whenever sub subscribes
            sub = new ProcessBuilder(Cli.childCommand("sub", "-L", uri.toString(), "-t", topic, "-C", "2", "-W", "60",
                    "-k", "5", "--robust")).start();
            Process running = sub;
            InputStream out = sub.getInputStream();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> Cli.readAll(running.getErrorStream()));
            byte[] first = out.readNBytes("before\n".length());
            assertEquals("before\n", new String(first, StandardCharsets.UTF_8));

            broker.restart(); // same port, fresh state: no session, no retained message
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!sub.waitFor(100, TimeUnit.MILLISECONDS)) {
                assertTrue(System.nanoTime() < deadline, "the robust subscriber got nothing after the restart");
                publish(uri, topic, "after", false);
            }
            String rest = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            String log = new String(err.get(), StandardCharsets.UTF_8);
            assertEquals(0, sub.exitValue(), rest + log);
            assertEquals("after\n", rest);
            assertTrue(log.contains("umqtt: "), "reconnects are reported on stderr: " + log);
        } finally {
            if (sub != null) {
                sub.destroyForcibly();
            }
            broker.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#restartable")
    void withoutRobustABrokerStopEndsTheRunWithStatusTwo(PrivateBroker server) throws Exception {
        RestartableBroker broker = server.start();
        Process sub = null;
        try {
            URI uri = broker.uri(Listener.TCP);
            String topic = "cli/fragile/" + System.nanoTime();
            publish(uri, topic, "before", true);
            sub = new ProcessBuilder(Cli.childCommand("sub", "-L", uri.toString(), "-t", topic, "-C", "2", "-W", "60"))
                    .start();
            Process running = sub;
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> Cli.readAll(running.getErrorStream()));
            assertEquals("before\n", new String(sub.getInputStream().readNBytes(7), StandardCharsets.UTF_8));
            broker.stop();
            assertTrue(sub.waitFor(30, TimeUnit.SECONDS), "the subscriber ended");
            String log = new String(err.get(), StandardCharsets.UTF_8);
            assertEquals(2, sub.exitValue(), log);
            assertTrue(log.startsWith("Error: "), log);
        } finally {
            if (sub != null) {
                sub.destroyForcibly();
            }
            broker.stop();
        }
    }

    private static void publish(URI uri, String topic, String payload, boolean retain) throws Exception {
        try (MqttClient c = SimpleClient.builder().server(uri.toString()).build()) {
            c.connect();
            c.publish(topic, payload.getBytes(StandardCharsets.UTF_8), retain, 1);
            c.disconnect();
        }
    }
}

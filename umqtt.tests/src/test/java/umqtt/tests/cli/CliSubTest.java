package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.MqttClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;

/** {@code umqtt sub}'s options against every broker. */
@ParameterizedClass(name = "{0}")
@MethodSource("umqtt.tests.brokers.Brokers#all")
class CliSubTest {

    private final URI broker;
    private final String topic = "cli/sub/" + System.nanoTime();

    CliSubTest(Broker server) {
        broker = server.uri(Listener.TCP); // a missing broker skips every test of its round
    }

    @Test
    void countThenExitWithTopicsAndNoNewlines() throws Exception {
        publish(topic + "/a", "1", true, 1);
        publish(topic + "/b", "2", true, 1);
        Cli.Result r = sub("-t", topic + "/a", "-t", topic + "/b", "-C", "2", "-v");
        assertEquals(0, r.status(), r.toString());
        assertEquals(java.util.Set.of(topic + "/a 1", topic + "/b 2"), java.util.Set.copyOf(r.outText().lines().toList()));

        Cli.Result n = sub("-t", topic + "/+", "-C", "2", "-N");
        assertTrue(n.outText().equals("12") || n.outText().equals("21"), n.toString());
        clear(topic + "/a");
        clear(topic + "/b");
    }

    @Test
    void wildcardFilterInTheUrlPath() throws Exception {
        publish(topic + "/deep/er", "found", true, 1);
        Cli.Result r = Cli.run("sub", "-L", broker + "/" + topic + "/#", "-C", "1", "-W", "20", "-v");
        assertEquals(topic + "/deep/er found\n", r.outText(), r.toString());
        clear(topic + "/deep/er");
    }

    @Test
    void verboseShowsNullForAnEmptyPayload() throws Exception {
        Cli.Result r = subUntil(topic + "/empty", new byte[0], "-t", topic + "/empty", "-C", "1", "-v");
        assertEquals(topic + "/empty (null)\n", r.outText(), r.toString());
    }

    @Test
    void skipRetainedPrintsOnlyLiveMessages() throws Exception {
        publish(topic, "stale", true, 1);
        Cli.Result r = subUntil(topic, "live".getBytes(StandardCharsets.UTF_8), "-t", topic, "-C", "1", "-R");
        assertEquals("live\n", r.outText(), r.toString());
        clear(topic);
    }

    @Test
    void retainedOnlyExitsAtTheFirstLiveMessage() throws Exception {
        publish(topic + "/x", "kept-x", true, 1);
        publish(topic + "/y", "kept-y", true, 1);
        // A broker may deliver a live message before the retained ones it sends on subscribing
        // (HiveMQ sends those asynchronously): the live one is published once both were printed.
        StdoutWatch out = new StdoutWatch();
        CompletableFuture<Cli.Result> running = CompletableFuture.supplyAsync(() -> new Cli.Result(
                umqtt.cli.Main.run(new String[] {"sub", "-L", broker.toString(), "-W", "20", "-t", topic + "/#",
                        "--retained-only"}, new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), java.io.InputStream.nullInputStream()),
                out.bytes(), ""));
        out.awaitLines(2, running);
        Cli.Result r = Cli.publishUntilDone(running, broker, topic + "/live", "live".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, r.status(), r.toString());
        assertEquals(java.util.Set.of("kept-x", "kept-y"), java.util.Set.copyOf(r.outText().lines().toList()));
        clear(topic + "/x");
        clear(topic + "/y");
    }

    @Test
    void stopsWhenItsReaderGoesAway() throws Exception {
        publish(topic, "only one wanted", true, 1);
        java.io.OutputStream closedPipe = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = umqtt.cli.Main.run(new String[] {"sub", "-L", broker.toString(), "-t", topic, "-W", "20"},
                new java.io.PrintStream(closedPipe), new java.io.PrintStream(err), java.io.InputStream.nullInputStream());
        assertEquals(0, status, "ended by the closed pipe, not by -W: " + err);
        clear(topic);
    }

    @Test
    void timeoutEndsAWaitWithMosquittosStatus27() {
        long start = System.nanoTime();
        Cli.Result r = sub("-t", topic, "-W", "0.5");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(27, r.status(), r.toString());
        assertEquals("Timed out\n", r.err());
        assertTrue(ms >= 450 && ms < 10_000, "waited " + ms + " ms");
    }

    @Test
    void persistentSessionKeepsMessagesWhileAway() throws Exception {
        String id = "cli-persist-" + System.nanoTime();
        // First run: subscribe with a kept session, take one message, leave.
        Cli.Result first = subUntil(topic, "first".getBytes(StandardCharsets.UTF_8),
                "-i", id, "-c", "-q", "1", "-t", topic, "-C", "1");
        assertEquals("first\n", first.outText(), first.toString());
        // While it is away, a QoS 1 message is queued in its session...
        publish(topic, "while away", false, 1);
        // ...and the next run with the same id gets it without subscribing anew to a retained copy.
        Cli.Result second = sub("-i", id, "-c", "-q", "1", "-t", topic, "-C", "1");
        assertEquals("while away\n", second.outText(), second.toString());
    }

    @Test
    void willIsPublishedWhenTheSubscriberVanishes() throws Exception {
        String will = topic + "/will";
        MqttClient watcher = SimpleClient.builder().server(broker.toString()).build();
        java.util.List<umqtt.api.Message> got = new java.util.ArrayList<>();
        watcher.setCallback(got::add);
        watcher.connect();
        watcher.subscribe(will, 1);
        Process child = new ProcessBuilder(Cli.childCommand("sub", "-L", broker.toString(), "-t", topic,
                "-v", "--will-topic", will, "--will-payload", "gone", "--will-qos", "1")).start();
        try {
            // Once the child prints the message it has connected (with its will) and subscribed.
            byte[] line = new byte[0];
            long deadline = System.nanoTime() + 20_000_000_000L;
            java.io.InputStream out = child.getInputStream();
            while (line.length == 0) {
                assertTrue(System.nanoTime() < deadline, "the child subscriber did not start");
                publish(topic, "ping", false, 0);
                if (out.available() > 0) {
                    line = out.readNBytes(out.available());
                }
                watcher.checkMsg();
            }
            child.destroyForcibly().waitFor();
            while (got.isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no will arrived");
                watcher.checkMsg();
            }
            assertEquals("gone", new String(got.get(0).payload(), StandardCharsets.UTF_8));
        } finally {
            child.destroyForcibly();
            watcher.close();
        }
    }

    private Cli.Result sub(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("sub", "-L", broker.toString(),
                "-W", "20"));
        all.addAll(java.util.List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private Cli.Result subUntil(String pubTopic, byte[] payload, String... args) throws Exception {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("sub", "-L", broker.toString(),
                "-W", "20"));
        all.addAll(java.util.List.of(args));
        CompletableFuture<Cli.Result> running = Cli.start(all.toArray(String[]::new));
        return Cli.publishUntilDone(running, broker, pubTopic, payload);
    }

    private void publish(String t, String payload, boolean retain, int qos) throws IOException {
        try (MqttClient c = SimpleClient.builder().server(broker.toString()).build()) {
            c.connect();
            c.publish(t, payload.getBytes(StandardCharsets.UTF_8), retain, qos);
            c.disconnect();
        }
        if (retain) {
            Cli.awaitRetained(broker, t, payload);
        }
    }

    private void clear(String t) throws IOException {
        try (MqttClient c = SimpleClient.builder().server(broker.toString()).build()) {
            c.connect();
            c.publish(t, new byte[0], true, 1);
            c.disconnect();
        }
    }

    /** Standard output of a command run in this JVM, which a test can wait on line by line. */
    private static final class StdoutWatch extends java.io.OutputStream {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        /** Waits until {@code n} lines were written (at most 20 s), or fails if the command ended first. */
        synchronized void awaitLines(int n, CompletableFuture<?> command) throws InterruptedException {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (bytes.toString(StandardCharsets.UTF_8).lines().count() < n) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0 && !command.isDone(), "fewer than " + n + " lines: " + bytes);
                wait(Math.max(1, Math.min(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left), 100)));
            }
        }
    }
}

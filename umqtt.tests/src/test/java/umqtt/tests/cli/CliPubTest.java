package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import umqtt.api.Message;
import umqtt.api.MqttClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;

/** {@code umqtt pub}'s options, observed by a library subscriber, on every broker. */
@ParameterizedClass(name = "{0}")
@MethodSource("umqtt.tests.brokers.Brokers#all")
class CliPubTest {

    private final URI broker;
    private final String topic = "cli/pub/" + System.nanoTime();
    private final List<Message> received = new ArrayList<>();
    private MqttClient observer;

    CliPubTest(Broker server) {
        broker = server.uri(Listener.TCP); // a missing broker skips every test of its round
    }

    @BeforeEach
    void subscribe() throws IOException {
        observer = SimpleClient.builder().server(broker.toString()).build();
        observer.setCallback(received::add);
        observer.connect();
        observer.subscribe(topic + "/#", 2);
    }

    @AfterEach
    void close() {
        observer.close();
    }

    @Test
    void messageFromTheCommandLine() {
        pub("-t", topic, "-m", "21.5");
        assertEquals("21.5", payload(await(1).get(0)));
    }

    @Test
    void messageFromAFileIsSentByteForByte(@TempDir Path dir) throws IOException {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        pub("-t", topic, "-f", Files.write(dir.resolve("m.bin"), everyByte).toString());
        assertArrayEquals(everyByte, await(1).get(0).payload());
    }

    @Test
    void messageFromStandardInput() {
        Cli.Result r = Cli.runWithInput("all\nof it\n".getBytes(StandardCharsets.UTF_8),
                "pub", "-L", broker.toString(), "-t", topic, "-s");
        assertEquals(0, r.status(), r.toString());
        assertEquals("all\nof it\n", payload(await(1).get(0)));
    }

    @Test
    void oneMessagePerLineWithoutTheNewline() {
        Cli.Result r = Cli.runWithInput("one\n\nthree\nlast without newline".getBytes(StandardCharsets.UTF_8),
                "pub", "-L", broker.toString(), "-t", topic, "-l", "-q", "1");
        assertEquals(0, r.status(), r.toString());
        List<Message> got = await(4);
        assertEquals(List.of("one", "", "three", "last without newline"), got.stream().map(CliPubTest::payload).toList());
        assertEquals("", r.err(), "no progress line when stderr is not a terminal");
    }

    @Test
    void linesTypedSlowlyKeepTheConnectionAlive() throws Exception {
        // Keepalive 2 s: the broker drops a client silent for 3 s. The typist pauses 3.5 s. (With 1 s the
        // PINGRESP has 500 ms to come back, which HiveMQ, in this JVM, missed once on a loaded machine.)
        java.io.PipedOutputStream typist = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(typist);
        Thread typing = new Thread(() -> {
            try {
                typist.write("first\n".getBytes(StandardCharsets.UTF_8));
                typist.flush();
                Thread.sleep(3500); // the idle time under test, not a synchronisation
                typist.write("second\n".getBytes(StandardCharsets.UTF_8));
                typist.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        typing.start();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = umqtt.cli.Main.run(new String[] {"pub", "-L", broker.toString(), "-t", topic, "-l", "-k", "2",
                "-q", "1"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err), stdin);
        typing.join();
        assertEquals(0, status, err.toString());
        assertEquals(List.of("first", "second"), await(2).stream().map(CliPubTest::payload).toList());
    }

    @Test
    void progressLineOnlyWhenStderrIsATerminal() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = umqtt.cli.Main.run(new String[] {"pub", "-L", broker.toString(), "-t", topic, "-m", "x",
                "--repeat", "4", "--repeat-delay", "0.15"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err, true), new java.io.ByteArrayInputStream(new byte[0]), true, false);
        assertEquals(0, status);
        String line = err.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("\r") && line.contains(" messages in ") && line.contains("/s"), line);
        assertTrue(line.endsWith("\n") && line.contains("\r4 messages in "), "ends with the final count: " + line);
        assertEquals(4, await(4).size());

        Cli.Result piped = Cli.run("pub", "-L", broker.toString(), "-t", topic, "-m", "x", "--repeat", "3",
                "--repeat-delay", "0.15");
        assertEquals("", piped.err(), "no progress line in a pipe");
    }

    @Test
    void nullMessage() {
        pub("-t", topic, "-n");
        assertEquals(0, await(1).get(0).payload().length);
    }

    @Test
    void retainedMessageIsKeptByTheBroker() throws IOException {
        pub("-t", topic + "/kept", "-m", "on", "-r");
        await(1);
        Cli.awaitRetained(broker, topic + "/kept", "on");
        Cli.Result r = Cli.run("sub", "-L", broker.toString(), "-t", topic + "/kept", "-C", "1", "-W", "10");
        assertEquals("on\n", r.outText(), r.toString());
        pub("-t", topic + "/kept", "-n", "-r");
    }

    @Test
    void qualityOfService() {
        pub("-t", topic, "-m", "q1", "-q", "1");
        pub("-t", topic, "-m", "q2", "-q", "2");
        List<Message> got = await(2);
        assertEquals(1, got.get(0).qos());
        assertEquals(2, got.get(1).qos());
    }

    @Test
    void repeatWithDelay() {
        long start = System.nanoTime();
        pub("-t", topic, "-m", "again", "--repeat", "4", "--repeat-delay", "0.1");
        assertEquals(4, await(4).size());
        assertTrue(System.nanoTime() - start >= 300_000_000L, "three delays of 0.1 s between four messages");
    }

    @Test
    void aRepeatDelayLongerThanTheKeepaliveKeepsTheConnection() {
        // Keepalive 2 s: the broker drops a client silent for 3 s; the delay is 3.5 s (2 s, not 1 s, for
        // the reason in linesTypedSlowlyKeepTheConnectionAlive).
        pub("-t", topic, "-m", "tick", "-q", "1", "-k", "2", "--repeat", "2", "--repeat-delay", "3.5");
        assertEquals(2, await(2).size());
    }

    /**
     * A file of lines goes out through the in-flight window (send, then flush before disconnecting):
     * every line arrives, in order. The observer reads meanwhile, as a broker's queue for a slow
     * subscriber is bounded (Mosquitto's holds 1000).
     */
    @Test
    void aFileOfTwoThousandLinesAtQos1ArrivesCompleteAndInOrder(@TempDir Path dir) throws Exception {
        int n = 2_000;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append("line ").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("lines.txt"), text);
        CompletableFuture<Cli.Result> run = inBackground(() -> Cli.runWithInput(Files.readAllBytes(file), "pub", "-L",
                broker.toString(), "-t", topic + "/lines", "-l", "-q", "1", "-d"));
        List<Message> got = await(n, run);
        Cli.Result r = run.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.status(), r.toString());
        for (int i = 0; i < n; i++) {
            assertEquals("line " + i, payload(got.get(i)), "line " + i + " in its place");
        }
        assertEquals(n, got.size(), "none twice");
        assertTrue(r.err().contains("umqtt: all acknowledged ("), "flushed before disconnecting: " + r.err());
    }

    @Test
    void repeatGoesThroughTheWindowAndEveryMessageIsAcknowledgedBeforeDisconnecting() throws Exception {
        for (String window : new String[] {"1", "7"}) {
            received.clear();
            CompletableFuture<Cli.Result> run = inBackground(() -> Cli.run("pub", "-L", broker.toString(), "-t",
                    topic + "/repeat", "-m", "again", "-q", "2", "--repeat", "500", "--max-inflight", window));
            assertEquals(500, await(500, run).size());
            Cli.Result r = run.get(30, TimeUnit.SECONDS);
            assertEquals(0, r.status(), r.toString());
            received.forEach(m -> assertEquals("again", payload(m)));
        }
    }

    private static CompletableFuture<Cli.Result> inBackground(java.util.concurrent.Callable<Cli.Result> run) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "umqtt-pub-under-test");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Reads until {@code n} messages came, failing early with the run's result when it failed. */
    private List<Message> await(int n, CompletableFuture<Cli.Result> run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received.size() < n) {
            if (System.nanoTime() > deadline || run.isDone() && run.get().status() != 0) {
                throw new AssertionError("expected " + n + " messages, got " + received.size() + "; the run: "
                        + (run.isDone() ? run.get() : "still going"));
            }
            observer.checkMsg();
        }
        return received;
    }

    @Test
    void topicFromTheUrlPath() {
        Cli.Result r = Cli.run("pub", "-L", broker + "/" + topic + "/from-url", "-m", "x");
        assertEquals(0, r.status(), r.toString());
        assertEquals(topic + "/from-url", await(1).get(0).topicString());
    }

    private void pub(String... args) {
        List<String> all = new ArrayList<>(List.of("pub", "-L", broker.toString()));
        all.addAll(List.of(args));
        Cli.Result r = Cli.run(all.toArray(String[]::new));
        assertEquals(0, r.status(), r.toString());
    }

    private List<Message> await(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (received.size() < n) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected " + n + " messages, got " + received);
                }
                observer.checkMsg();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return received;
    }

    private static String payload(Message m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }
}

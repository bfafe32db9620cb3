package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.MqttClient;
import umqtt.cli.Main;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.FreePorts;

/** {@code umqtt bench conn|pub|sub} against HiveMQ CE and Mosquitto, and its usage errors. */
class CliBenchTest {

    static Stream<Broker> brokers() {
        return Stream.of(Brokers.hivemq(), Brokers.mosquitto());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void connConnectsEveryClientAndHoldsThemForTheDuration(Broker broker) {
        URI uri = broker.uri(Listener.TCP);
        Cli.Result r = Cli.run("bench", "conn", "-c", "50", "-i", "0", "-L", uri.toString(), "--duration", "2",
                "--json");
        assertEquals(0, r.status(), r.toString());
        String json = r.outText().trim();
        assertTrue(json.startsWith("{") && json.endsWith("}"), json);
        assertEquals("conn", text(json, "mode"));
        assertEquals(50, number(json, "clients"));
        assertEquals(50, number(json, "connected"), json);
        assertEquals(0, number(json, "failed"), json);
        assertEquals(0, number(json, "lost"), json);
        assertTrue(number(json, "connectsPerSecond") > 0, json);
        assertTrue(number(json, "seconds") >= 2, "the run lasts its --duration: " + json);
        assertTrue(json.contains("\"errors\":{}"), json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void whatPubSendsSubReceivesWithItsLatency(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String topic = "cli/bench/" + System.nanoTime() + "/%i";
        Running sub = Running.start("bench", "sub", "-c", "5", "-i", "0", "-L", uri.toString(), "-t", topic,
                "--count", "40", "--duration", "30", "-q", "1");
        sub.awaitErr("subscribed 5/5");
        Cli.Result pub = Cli.run("bench", "pub", "-c", "5", "-i", "0", "-L", uri.toString(), "-t", topic, "--count",
                "40", "--interval", "1", "-s", "32", "-q", "1", "--max-inflight", "10");
        assertEquals(0, pub.status(), pub.toString());
        assertTrue(pub.outText().contains("sent        200 messages of 32 bytes, QoS 1"), pub.outText());
        Cli.Result r = sub.result();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.outText().contains("received    200 messages"), r.outText());
        Matcher latency = Pattern.compile("latency     p50 [0-9.]+ ms, p90 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms")
                .matcher(r.outText());
        assertTrue(latency.find(), r.outText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void topicsTakeTheClientsIndexAndId(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String base = "cli/bench/" + System.nanoTime();
        List<String> topics = Collections.synchronizedList(new ArrayList<>());
        try (MqttClient observer = SimpleClient.builder().server(uri.toString()).build()) {
            observer.setCallback(m -> topics.add(m.topicString()));
            observer.connect();
            observer.subscribe(base + "/#", 1);
            Cli.Result pub = Cli.run("bench", "pub", "-c", "3", "-i", "0", "-L", uri.toString(), "-I", "idp-",
                    "-t", base + "/%i/%c", "--count", "1", "-q", "1", "--json");
            assertEquals(0, pub.status(), pub.toString());
            assertEquals(3, number(pub.outText(), "sent"), pub.outText());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (topics.size() < 3 && System.nanoTime() < deadline) {
                observer.waitMsg();
            }
        }
        List<String> sorted = new ArrayList<>(topics);
        Collections.sort(sorted);
        assertEquals(List.of(base + "/1/idp-1", base + "/2/idp-2", base + "/3/idp-3"), sorted);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#withAuth")
    void aRefusedConnectionIsCountedByItsCode(Broker broker) {
        URI auth = broker.uri(Listener.AUTH);
        Cli.Result r = Cli.run("bench", "conn", "-c", "3", "-i", "0", "-L", auth.toString(), "-u", Broker.USER,
                "-P", "not-" + Broker.PASSWORD, "--duration", "1", "--json");
        assertEquals(Main.FAILED, r.status(), r.toString());
        assertEquals(0, number(r.outText(), "connected"), r.outText());
        assertEquals(3, number(r.outText(), "failed"), r.outText());
        assertTrue(Pattern.compile("\"connect: refused: (bad user name or password \\(4\\)|not authorized \\(5\\))\":3")
                .matcher(r.outText()).find(), r.outText());
        assertTrue(!r.outText().contains("not-" + Broker.PASSWORD) && !r.err().contains("not-" + Broker.PASSWORD));
    }

    @Test
    void aClosedPortIsCountedAsNothingListening() {
        int port = FreePorts.loopback(1)[0];
        Cli.Result r = Cli.run("bench", "conn", "-c", "4", "-i", "0", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "--duration", "1");
        assertEquals(Main.FAILED, r.status(), r.toString());
        assertTrue(r.outText().contains("connected   0 of 4, 4 failed"), r.outText());
        assertTrue(r.outText().contains("error       4 connect: connection refused (nothing listens)"), r.outText());
    }

    @Test
    void usageErrors() {
        Cli.Result help = Cli.run("bench", "--help");
        assertEquals(0, help.status());
        for (String option : new String[] {"-c COUNT", "--connect-interval", "--interval", "--rate", "--count",
                "--duration", "-t TOPIC", "-s BYTES", "-q QOS", "--max-inflight", "--persistent", "--json",
                "virtual thread", "platform thread", "--cafile", "-u USER"}) {
            assertTrue(help.outText().contains(option), "bench --help mentions " + option);
        }
        String[][] bad = {
            {"bench"},
            {"bench", "load"},
            {"bench", "pub", "-c", "2"},
            {"bench", "conn", "-c", "0"},
            {"bench", "conn", "-i", "soon"},
            {"bench", "pub", "-t", "a", "-s", "7"},
            {"bench", "pub", "-t", "a", "--rate", "0"},
            {"bench", "conn", "--persistent"},
            {"bench", "conn", "--id", "x"},
            {"bench", "conn", "--bogus"},
        };
        for (String[] args : bad) {
            Cli.Result r = Cli.run(args);
            assertEquals(Main.USAGE, r.status(), String.join(" ", args) + ": " + r);
            assertTrue(r.err().startsWith("Error: "), r.err());
        }
    }

    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Long.parseLong(m.group(1));
    }

    private static String text(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return m.group(1);
    }

    /** A bench run on another thread with its live line on, so a test can wait for what the line says. */
    private static final class Running {
        private final StringBuffer err = new StringBuffer();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private CompletableFuture<Integer> status;

        static Running start(String... args) {
            Running r = new Running();
            PrintStream o = new PrintStream(r.out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (r.err) {
                        r.err.append((char) b);
                        r.err.notifyAll(); // awaitErr wakes to look at what the line now says
                    }
                }
            }, true, StandardCharsets.UTF_8);
            r.status = CompletableFuture.supplyAsync(() -> Main.run(args, o, e, InputStream.nullInputStream(), true,
                    false), runnable -> {
                        Thread t = new Thread(runnable, "umqtt-bench-under-test");
                        t.setDaemon(true);
                        t.start();
                    });
            return r;
        }

        void awaitErr(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            synchronized (err) {
                while (err.indexOf(text) < 0) {
                    long left = deadline - System.nanoTime();
                    assertTrue(left > 0 && !status.isDone(), "no '" + text + "' in: " + err);
                    err.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100))); // 100: to see the run end
                }
            }
        }

        Cli.Result result() throws Exception {
            int s = status.get(40, TimeUnit.SECONDS);
            return new Cli.Result(s, out.toByteArray(), err.toString());
        }
    }
}

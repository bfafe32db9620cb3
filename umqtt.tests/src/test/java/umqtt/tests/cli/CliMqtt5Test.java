package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.mqtt5.ConfiguredMosquitto;

/**
 * {@code umqtt pub|sub|bench -V mqttv5} against HiveMQ CE and Mosquitto 2: properties end to end,
 * the subscription options, session expiry, the will's properties, a refused publish's reason code.
 */
class CliMqtt5Test {

    static Stream<Broker> brokers() {
        return Stream.of(Brokers.hivemq(), Brokers.mosquitto());
    }

    private static String[] line(String first, URI broker, String... rest) {
        String[] all = new String[rest.length + 5];
        all[0] = first;
        all[1] = "-L";
        all[2] = broker.toString();
        all[3] = "-V";
        all[4] = "5";
        System.arraycopy(rest, 0, all, 5, rest.length);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void publishPropertiesReachTheSubscribersFormat(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String t = "cli/v5/props/" + System.nanoTime();
        Cli.Result pub = Cli.run(line("pub", uri, "-t", t, "-m", "hello five", "-r", "-q", "1",
                "-D", "publish", "user-property", "k1", "v1", "-D", "publish", "user-property", "k2", "v 2",
                "-D", "publish", "content-type", "text/plain", "-D", "publish", "response-topic", "resp/x",
                "-D", "publish", "correlation-data", "corr-1", "-D", "publish", "payload-format-indicator", "1",
                "-D", "connect", "receive-maximum", "10", "-D", "connect", "user-property", "who", "cli"));
        assertEquals(0, pub.status(), pub.toString());
        Cli.awaitRetained(uri, t, "hello five");
        Cli.Result sub = Cli.run(line("sub", uri, "-t", t, "-C", "1", "-W", "10",
                "-D", "subscribe", "subscription-identifier", "7", "-F", "%t|%p|%P|%C|%R|%D|%F|%S|%r|%5S|%-3F|%08A|"));
        assertEquals(0, sub.status(), sub.toString());
        assertEquals(t + "|hello five|k1:v1 k2:v 2|text/plain|resp/x|corr-1|1|7|1|    7|1  |00000000|\n",
                sub.outText());
        Cli.run(line("pub", uri, "-t", t, "-n", "-r"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void retainHandlingAndRetainAsPublished(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String t = "cli/v5/retain/" + System.nanoTime();
        assertEquals(0, Cli.run(line("pub", uri, "-t", t, "-m", "kept", "-r", "-q", "1")).status());
        Cli.awaitRetained(uri, t, "kept");
        Cli.Result never = Cli.run(line("sub", uri, "-t", t, "--retain-handling", "2", "-W", "0.5", "-v"));
        assertEquals(27, never.status(), "no retained message with retain handling 2: " + never);
        assertEquals("", never.outText());
        Cli.Result sent = Cli.run(line("sub", uri, "-t", t, "--retain-handling", "0", "-C", "1", "-W", "10", "-v"));
        assertEquals(t + " kept\n", sent.outText(), sent.toString());

        // A retained message published while subscribed: forwarded with retain 0, unless --rap.
        for (String rap : new String[] {"--rap", "--retain-handling"}) {
            String[] extra = rap.equals("--rap") ? new String[] {"--rap"} : new String[] {"--retain-handling", "2"};
            CompletableFuture<Cli.Result> live = Cli.start(line("sub", uri, concat(extra, "-t", t + "/live", "-C", "1",
                    "-W", "20", "-F", "%r %p")));
            Cli.Result got = publishUntilDone(live, uri, t + "/live");
            assertEquals(0, got.status(), got.toString());
            assertEquals(rap.equals("--rap") ? "1 live\n" : "0 live\n", got.outText(), rap);
        }
        Cli.run(line("pub", uri, "-t", t, "-n", "-r"));
        Cli.run(line("pub", uri, "-t", t + "/live", "-n", "-r"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aSessionWithAnExpiryKeepsWhatArrivedMeanwhile(Broker broker) {
        URI uri = broker.uri(Listener.TCP);
        String t = "cli/v5/session/" + System.nanoTime();
        String id = "cli-v5-session-" + System.nanoTime();
        Cli.Result first = Cli.run(line("sub", uri, "-t", t, "-q", "1", "-c", "-i", id, "-x", "60", "-E"));
        assertEquals(0, first.status(), first.toString());
        assertEquals(0, Cli.run(line("pub", uri, "-t", t, "-m", "while away", "-q", "1")).status());
        Cli.Result back = Cli.run(line("sub", uri, "-t", t, "-q", "1", "-c", "-i", id, "-x", "0", "-C", "1", "-W", "10"));
        assertEquals(0, back.status(), back.toString());
        assertEquals("while away\n", back.outText());
        // -x 0 ended the session with that link: nothing is kept now
        assertEquals(0, Cli.run(line("pub", uri, "-t", t, "-m", "lost", "-q", "1")).status());
        Cli.Result gone = Cli.run(line("sub", uri, "-t", t, "-q", "1", "-c", "-i", id, "-x", "0", "-W", "0.5"));
        assertEquals(27, gone.status(), gone.toString());
        assertEquals("", gone.outText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void theWillCarriesItsProperties(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String t = "cli/v5/will/" + System.nanoTime();
        CompletableFuture<Cli.Result> watcher = Cli.start(line("sub", uri, "-t", t + "/will", "-C", "1", "-W", "20",
                "-F", "%p|%P|%C"));
        // -W closes the link without DISCONNECT: the broker publishes the will (delay 0)
        Cli.Result dying = Cli.run(line("sub", uri, "-t", t + "/none", "-W", "0.5", "--will-topic", t + "/will",
                "--will-payload", "gone", "-D", "will", "user-property", "why", "timeout", "-D", "will", "content-type",
                "text/plain", "-D", "will", "will-delay-interval", "0"));
        assertEquals(27, dying.status(), dying.toString());
        Cli.Result got = watcher.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("gone|why:timeout|text/plain\n", got.outText(), got.toString());
    }

    @Test
    void aRefusedPublishShowsItsReasonCode(@TempDir Path dir) throws Exception {
        // Anonymous clients may write only under open/: Mosquitto answers a QoS 1 PUBLISH elsewhere
        // with PUBACK 0x87 Not authorized, the refusal `pub -V mqttv5` must report.
        Path acl = java.nio.file.Files.write(dir.resolve("acl"), java.util.List.of("topic readwrite open/#"));
        try (ConfiguredMosquitto broker = ConfiguredMosquitto.start("acl_file " + acl)) {
            Cli.Result ok = Cli.run(line("pub", broker.uri(), "-t", "open/x", "-m", "fine", "-q", "1"));
            assertEquals(0, ok.status(), ok.toString());
            Cli.Result refused = Cli.run(line("pub", broker.uri(), "-t", "closed/x", "-m", "no", "-q", "1"));
            assertEquals(2, refused.status(), refused.toString());
            assertTrue(refused.err().startsWith("Error: the broker refused the message to closed/x: reason 0x87 "
                    + "Not authorized"), refused.err());
            Cli.Result lines = Cli.runWithInput("a\nb\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    line("pub", broker.uri(), "-t", "closed/y", "-l", "-q", "1"));
            assertEquals(2, lines.status(), lines.toString());
            assertTrue(lines.err().contains("reason 0x87 Not authorized"), lines.err());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void benchPublishesAndReceivesWithMqtt5(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String t = "cli/v5/bench/" + System.nanoTime() + "/%i";
        CompletableFuture<Cli.Result> sub = Cli.start("bench", "sub", "-V", "5", "-c", "3", "-i", "0", "-L",
                uri.toString(), "-t", t, "--count", "20", "--duration", "30", "-q", "1");
        Cli.Result pub;
        long deadline = System.nanoTime() + 20_000_000_000L;
        do { // until the subscribers are there: each run publishes 20 per client; sub stops at its count
            pub = Cli.run("bench", "pub", "-V", "5", "-c", "3", "-i", "0", "-L", uri.toString(), "-t", t, "--count",
                    "20", "--interval", "0", "-q", "1", "--max-inflight", "5");
            assertEquals(0, pub.status(), pub.toString());
            assertTrue(pub.outText().contains("sent        60 messages"), pub.outText());
        } while (!sub.isDone() && System.nanoTime() < deadline);
        Cli.Result r = sub.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.outText().contains("received    60 messages"), r.outText());
        Cli.Result conn = Cli.run("bench", "conn", "-V", "5", "-c", "10", "-i", "0", "-L", uri.toString(),
                "--duration", "1", "-D", "connect", "user-property", "bench", "yes");
        assertEquals(0, conn.status(), conn.toString());
        assertTrue(conn.outText().contains("connected   10 of 10, 0 failed"), conn.outText());
    }

    private static Cli.Result publishUntilDone(CompletableFuture<Cli.Result> sub, URI uri, String topic)
            throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!sub.isDone()) {
            assertTrue(System.nanoTime() < deadline, "the subscriber did not finish within 20 s");
            Cli.run(line("pub", uri, "-t", topic, "-m", "live", "-r"));
            try {
                return sub.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // not subscribed yet: publish again
            }
        }
        return sub.get();
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}

package umqtt.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import umqtt.examples.Broker;
import umqtt.examples.Led;
import umqtt.examples.Publish;
import umqtt.examples.PublishOnEvent;
import umqtt.examples.PublishTls;
import umqtt.examples.RobustCheckLoop;
import umqtt.examples.RobustLastWill;
import umqtt.examples.RobustResubscribe;
import umqtt.examples.RobustSubscriber;
import umqtt.examples.SubscribeWaitCheck;
import umqtt.api.MqttException;
import umqtt.simple.SimpleClient;

/**
 * The demo: starts HiveMQ CE embedded (TCP, TLS with certificates made on the spot, WebSocket,
 * WebSocket over TLS)
 * and runs the umqtt examples against it end to end, checking that every message arrives;
 * {@code --broker URI} runs them against a broker of yours instead. Exit status 0 when every
 * step passed.
 *
 * <p>Run: {@code java -jar umqtt.examples/target/umqtt-demo.jar [--broker URI [--cafile PEM]]}.
 */
public final class Demo {

    /** The demo's own lines; the examples print to System.out, indented. */
    private static final PrintStream OUT = System.out;

    private final Steps steps = new Steps(OUT);

    private Demo() {
    }

    /**
     * @param args {@code [--broker URI [--cafile PEM]]}
     * @throws Exception when the embedded broker cannot start
     */
    public static void main(String[] args) throws Exception {
        // Before anything touches SLF4J: HiveMQ logs through logback; keep it to errors.
        System.setProperty("logback.configurationFile", "umqtt-demo-logback.xml");
        // RobustClient logs its reconnects through System.Logger (java.util.logging here): one line each.
        System.setProperty("java.util.logging.SimpleFormatter.format", "    ~ robust: %5$s%n");
        System.setOut(new PrintStream(new Indented(OUT, "    | "), true, StandardCharsets.UTF_8));
        DemoArgs options;
        try {
            options = DemoArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        if (options.help()) {
            OUT.println(DemoArgs.USAGE);
            return;
        }
        long start = System.nanoTime();
        Demo demo = new Demo();
        if (options.broker() != null) {
            demo.againstYourBroker(new Broker(options.broker(), options.cafile()));
        } else {
            demo.againstEmbeddedBroker();
        }
        System.exit(demo.steps.summary((System.nanoTime() - start) / 1e9));
    }

    private void againstEmbeddedBroker() throws IOException {
        Path folder = TempFiles.folderDeletedOnExit("umqtt-demo-");
        OUT.println("umqtt demo: the umqtt examples in Java, end to end against an embedded broker\n");
        OUT.println("Starting HiveMQ CE (embedded, in-memory) with certificates made just now ...");
        long t0 = System.nanoTime();
        DemoBroker hivemq = DemoBroker.start(folder);
        OUT.printf(Locale.ROOT, "  started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        OUT.println("  TCP                 " + hivemq.tcpUri());
        OUT.println("  TLS                 " + hivemq.tlsUri() + "   (trusting the demo CA " + hivemq.caPem() + ")");
        OUT.println("  WebSocket           " + hivemq.wsUri());
        OUT.println("  WebSocket over TLS  " + hivemq.wssUri());
        Broker tcp = new Broker(hivemq.tcpUri(), null);
        Broker tls = new Broker(hivemq.tlsUri(), hivemq.caPem());
        Broker ws = new Broker(hivemq.wsUri(), null);
        Broker wss = new Broker(hivemq.wssUri(), hivemq.caPem());

        for (Broker b : List.of(tcp, tls, ws, wss)) {
            publish(b);
        }
        steps.run("PublishOnEvent over TCP: three button presses (lines on stdin)", () -> {
            try (Watcher w = new Watcher(tcp, "button")) {
                PublishOnEvent.run(tcp, new StringReader("\n\n\n"));
                steps.check(w.await(3).equals(List.of("pressed 1", "pressed 2", "pressed 3")), "three presses arrived");
            }
        });
        steps.run("PublishTls: over TLS with a user name and password", () -> {
            try (Watcher w = new Watcher(tcp, "foo_topic")) {
                PublishTls.run(tls.uri(), tls.caFile(), DemoAuthenticator.USER, DemoAuthenticator.PASSWORD);
                steps.check(w.await(1).equals(List.of("hello over TLS")), "the broker took the password; the message arrived");
            }
            try {
                PublishTls.run(tls.uri(), tls.caFile(), DemoAuthenticator.USER, "a wrong password");
                steps.check(false, "a wrong password is refused");
            } catch (MqttException e) {
                steps.check(e.code() == MqttException.BAD_USER_NAME_OR_PASSWORD,
                        "a wrong password is refused: " + e.getMessage());
            }
        });
        for (Broker b : List.of(tcp, tls, ws, wss)) {
            subscribe(b);
        }
        steps.run("Led over WebSocket: on, toggle, toggle, off, toggle", () -> {
            CountDownLatch ready = new CountDownLatch(1);
            CompletableFuture<Boolean> led = OnThread.start("umqtt-demo-step", () -> Led.run(ws, 5, ready::countDown));
            awaitLatch(ready);
            try (Watcher w = new Watcher(tcp, "led")) {
                for (String command : List.of("on", "toggle", "toggle", "off", "toggle")) {
                    w.publish("led", command);
                }
            }
            steps.check(led.get(Steps.TIMEOUT_SECONDS, TimeUnit.SECONDS), "the LED ends lit");
        });
        try (LinkCutter link = new LinkCutter("127.0.0.1", hivemq.tcpPort())) {
            robust(tcp, new Broker(link.uri(), null), link);
        }
        OUT.println("\nStopping the broker.");
        hivemq.stop();
    }

    private void againstYourBroker(Broker broker) {
        OUT.println("umqtt demo: the umqtt examples in Java, end to end against " + broker + "\n");
        publish(broker);
        subscribe(broker);
        steps.run("Led at " + broker + ": on, toggle, toggle", () -> {
            CountDownLatch ready = new CountDownLatch(1);
            CompletableFuture<Boolean> led = OnThread.start("umqtt-demo-step", () -> Led.run(broker, 3, ready::countDown));
            awaitLatch(ready);
            try (Watcher w = new Watcher(broker, "led")) {
                for (String command : List.of("on", "toggle", "toggle")) {
                    w.publish("led", command);
                }
            }
            steps.check(led.get(Steps.TIMEOUT_SECONDS, TimeUnit.SECONDS), "the LED ends lit");
        });
        URI u = URI.create(broker.uri());
        if (Set.of("mqtt", "tcp").contains(u.getScheme().toLowerCase(Locale.ROOT))) {
            try (LinkCutter link = new LinkCutter(u.getHost(), u.getPort() < 0 ? 1883 : u.getPort())) {
                robust(broker, new Broker(link.uri(), null), link);
            } catch (IOException e) {
                steps.fail("the robust examples through a relay", e);
            }
        } else {
            OUT.println("\n(the robust examples need a mqtt:// broker, to cut the link through a local relay)");
        }
    }

    /** The robust examples, connected through {@code relay}, which {@code link} cuts mid-run. */
    private void robust(Broker direct, Broker relay, LinkCutter link) {
        steps.run("RobustSubscriber (persistent session) through a link the demo cuts: nothing lost", () -> {
            CountDownLatch ready = new CountDownLatch(1);
            forgetSession(direct, RobustSubscriber.CLIENT_ID);
            CompletableFuture<Set<String>> sub = OnThread.start("umqtt-demo-step", () -> RobustSubscriber.run(relay, 3, ready::countDown));
            awaitLatch(ready);
            try (Watcher w = new Watcher(direct, "unused/demo")) {
                w.publish("foo_topic", "before the cut");
                cut(link);
                w.publish("foo_topic", "while the link was down");
                w.publish("foo_topic", "after the cut");
            }
            steps.check(sub.get(Steps.TIMEOUT_SECONDS, TimeUnit.SECONDS).equals(
                    Set.of("before the cut", "while the link was down", "after the cut")),
                    "all three QoS 1 messages arrived across the cut (the broker kept them in the session)");
        });
        steps.run("RobustCheckLoop through a link the demo cuts: checkMsg() keeps polling", () -> {
            CountDownLatch ready = new CountDownLatch(1);
            forgetSession(direct, RobustCheckLoop.CLIENT_ID);
            CompletableFuture<Void> sub = OnThread.start("umqtt-demo-step", () -> {
                RobustCheckLoop.run(relay, 2, ready::countDown);
                return null;
            });
            awaitLatch(ready);
            try (Watcher w = new Watcher(direct, "unused/demo")) {
                cut(link);
                w.publish("foo_topic", "first after the cut");
                w.publish("foo_topic", "second after the cut");
            }
            sub.get(Steps.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            steps.check(true, "both arrived");
        });
        steps.run("RobustLastWill: 'online' when up, the broker's 'offline' when the link is cut", () -> {
            CountDownLatch ready = new CountDownLatch(1);
            forgetSession(direct, RobustLastWill.ID);
            try (Watcher w = new Watcher(direct, RobustLastWill.STATUS)) {
                CompletableFuture<Void> device = OnThread.start("umqtt-demo-step", () -> {
                    RobustLastWill.run(relay, 1, ready::countDown);
                    return null;
                });
                awaitLatch(ready);
                steps.check(w.await(1).equals(List.of("online")), "a watcher of " + RobustLastWill.STATUS + " saw 'online'");
                cut(link);
                steps.check(w.await(2).get(1).equals("offline"), "the broker published the last will 'offline'");
                w.publish("cmd/" + RobustLastWill.ID, "shutdown");
                device.get(Steps.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                steps.check(w.await(3).get(2).equals("offline"), "the device, reconnected, took a command and said goodbye");
            }
        });
        steps.run("RobustResubscribe (clean session) through a link the demo cuts: subscribes again by itself", () -> {
            CountDownLatch ready = new CountDownLatch(1);
            CompletableFuture<Void> sub = OnThread.start("umqtt-demo-step", () -> {
                RobustResubscribe.run(relay, 1, ready::countDown);
                return null;
            });
            awaitLatch(ready);
            cut(link);
            // The broker forgot the clean session: only a new subscription can deliver this.
            try (Watcher w = new Watcher(direct, "unused/demo")) {
                while (!sub.isDone()) {
                    w.publish("foo_topic", "after the cut");
                    try {
                        sub.get(200, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        // not resubscribed yet: publish again
                    }
                }
            }
            sub.get();
            steps.check(true, "a message sent after the cut arrived: the subscription was renewed");
        });
    }

    /** Ends a session an earlier run left at the broker (a clean connect does), so this run starts afresh. */
    private static void forgetSession(Broker broker, String clientId) throws IOException {
        try (SimpleClient c = broker.client(clientId).build()) {
            c.connect(true);
            c.disconnect();
        }
    }

    private static void cut(LinkCutter link) {
        link.cut();
        OUT.println("    -- the demo cuts the link --");
    }

    private void publish(Broker b) {
        steps.run("Publish over " + scheme(b), () -> {
            try (Watcher w = new Watcher(b, "foo_topic")) {
                Publish.run(b);
                steps.check(w.await(1).equals(List.of("hello")), "a subscriber received 'hello' on foo_topic");
            }
        });
    }

    private void subscribe(Broker b) {
        steps.run("SubscribeWaitCheck over " + scheme(b) + ": two messages by waitMsg, two by checkMsg", () -> {
            CountDownLatch ready = new CountDownLatch(1);
            CompletableFuture<Void> sub = OnThread.start("umqtt-demo-step", () -> {
                SubscribeWaitCheck.run(b, 4, ready::countDown);
                return null;
            });
            awaitLatch(ready);
            try (Watcher w = new Watcher(b, "foo_topic")) {
                for (int i = 1; i <= 4; i++) {
                    w.publish("foo_topic", "message " + i);
                }
            }
            sub.get(Steps.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            steps.check(true, "all four handled");
        });
    }

    private static void awaitLatch(CountDownLatch latch) throws InterruptedException, TimeoutException {
        if (!latch.await(Steps.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException("the example did not subscribe within " + Steps.TIMEOUT_SECONDS + " s");
        }
    }

    private static String scheme(Broker b) {
        String s = b.uri().substring(0, b.uri().indexOf(':')).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "mqtt", "tcp" -> "TCP";
            case "mqtts", "ssl", "tls" -> "TLS";
            case "ws" -> "WebSocket";
            case "wss" -> "WebSocket over TLS";
            default -> s;
        };
    }
}

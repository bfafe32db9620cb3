package umqtt.examples.demo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import umqtt.examples.Broker;
import umqtt.examples.Led;
import umqtt.examples.Publish;
import umqtt.examples.PublishOnEvent;
import umqtt.examples.PublishTls;
import umqtt.examples.SubscribeWaitCheck;

/**
 * The demo: starts HiveMQ CE embedded (TCP, TLS with certificates made on the spot, WebSocket)
 * and runs the umqtt examples against it end to end, checking that every message arrives;
 * {@code --broker URI} runs them against a broker of yours instead. Exit status 0 when every
 * step passed.
 *
 * <p>Run: {@code java -jar umqtt.examples/target/umqtt-demo.jar [--broker URI [--cafile PEM]]}.
 */
public final class Demo {

    private static final long STEP_TIMEOUT_SECONDS = 30;

    private final List<String> failures = new ArrayList<>();
    private int steps;

    private Demo() {
    }

    /**
     * @param args {@code [--broker URI [--cafile PEM]]}
     * @throws Exception when the embedded broker cannot start
     */
    public static void main(String[] args) throws Exception {
        // Before anything touches SLF4J: HiveMQ logs through logback; keep it to errors.
        System.setProperty("logback.configurationFile", "umqtt-demo-logback.xml");
        String uri = null;
        Path cafile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--broker" -> uri = value(args, ++i, "--broker URI");
                case "--cafile" -> cafile = Path.of(value(args, ++i, "--cafile FILE"));
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar umqtt-demo.jar [--broker URI [--cafile PEM]]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument '" + args[i] + "': use --broker URI [--cafile PEM]");
                    System.exit(1);
                }
            }
        }
        long start = System.nanoTime();
        Demo demo = new Demo();
        if (uri != null) {
            demo.againstYourBroker(new Broker(uri, cafile));
        } else {
            demo.againstEmbeddedBroker();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (demo.failures.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nAll %d steps passed in %.1f s.%n", demo.steps, seconds);
            System.exit(0);
        }
        System.out.printf(Locale.ROOT, "%n%d of %d steps FAILED:%n", demo.failures.size(), demo.steps);
        demo.failures.forEach(f -> System.out.println("  " + f));
        System.exit(1);
    }

    private void againstEmbeddedBroker() throws IOException {
        Path folder = Files.createTempDirectory("umqtt-demo-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder)));
        System.out.println("umqtt demo: the umqtt examples in Java, end to end against an embedded broker\n");
        System.out.println("Starting HiveMQ CE (embedded, in-memory) with certificates made just now ...");
        long t0 = System.nanoTime();
        DemoBroker hivemq = DemoBroker.start(folder);
        System.out.printf(Locale.ROOT, "  started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println("  TCP        " + hivemq.tcpUri());
        System.out.println("  TLS        " + hivemq.tlsUri() + "   (trusting the demo CA " + hivemq.caPem() + ")");
        System.out.println("  WebSocket  " + hivemq.wsUri());
        Broker tcp = new Broker(hivemq.tcpUri(), null);
        Broker tls = new Broker(hivemq.tlsUri(), hivemq.caPem());
        Broker ws = new Broker(hivemq.wsUri(), null);

        for (Broker b : List.of(tcp, tls, ws)) {
            publish(b);
        }
        step("PublishOnEvent over TCP: three button presses (lines on stdin)", () -> {
            try (Watcher w = new Watcher(tcp, "button")) {
                PublishOnEvent.run(tcp, new StringReader("\n\n\n"));
                check(w.await(3).equals(List.of("pressed 1", "pressed 2", "pressed 3")), "three presses arrived");
            }
        });
        step("PublishTls: over TLS with a user name and password", () -> {
            try (Watcher w = new Watcher(tcp, "foo_topic")) {
                PublishTls.run(tls.uri(), tls.caFile(), "demo", "demo-password");
                check(w.await(1).equals(List.of("hello over TLS")), "the message arrived (seen over TCP)");
            }
        });
        for (Broker b : List.of(tcp, tls, ws)) {
            subscribe(b);
        }
        step("Led over WebSocket: on, toggle, toggle, off, toggle", () -> {
            CountDownLatch ready = new CountDownLatch(1);
            CompletableFuture<Boolean> led = background(() -> Led.run(ws, 5, ready::countDown));
            awaitLatch(ready);
            try (Watcher w = new Watcher(tcp, "led")) {
                for (String command : List.of("on", "toggle", "toggle", "off", "toggle")) {
                    w.publish("led", command);
                }
            }
            check(led.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS), "the LED ends lit");
        });
        System.out.println("\nStopping the broker.");
        hivemq.stop();
    }

    private void againstYourBroker(Broker broker) {
        System.out.println("umqtt demo: the umqtt examples in Java, end to end against " + broker + "\n");
        publish(broker);
        subscribe(broker);
        step("Led at " + broker + ": on, toggle, toggle", () -> {
            CountDownLatch ready = new CountDownLatch(1);
            CompletableFuture<Boolean> led = background(() -> Led.run(broker, 3, ready::countDown));
            awaitLatch(ready);
            try (Watcher w = new Watcher(broker, "led")) {
                for (String command : List.of("on", "toggle", "toggle")) {
                    w.publish("led", command);
                }
            }
            check(led.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS), "the LED ends lit");
        });
    }

    private void publish(Broker b) {
        step("Publish over " + scheme(b), () -> {
            try (Watcher w = new Watcher(b, "foo_topic")) {
                Publish.run(b);
                check(w.await(1).equals(List.of("hello")), "a subscriber received 'hello' on foo_topic");
            }
        });
    }

    private void subscribe(Broker b) {
        step("SubscribeWaitCheck over " + scheme(b) + ": two messages by waitMsg, two by checkMsg", () -> {
            CountDownLatch ready = new CountDownLatch(1);
            CompletableFuture<Void> sub = background(() -> {
                SubscribeWaitCheck.run(b, 4, ready::countDown);
                return null;
            });
            awaitLatch(ready);
            try (Watcher w = new Watcher(b, "foo_topic")) {
                for (int i = 1; i <= 4; i++) {
                    w.publish("foo_topic", "message " + i);
                }
            }
            sub.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            check(true, "all four handled");
        });
    }

    // ---------------------------------------------------------------- running steps

    interface Body {
        void run() throws Exception;
    }

    interface Task<T> {
        T call() throws Exception;
    }

    private void step(String title, Body body) {
        steps++;
        System.out.println("\n[" + steps + "] " + title);
        CompletableFuture<Void> run = background(() -> {
            body.run();
            return null;
        });
        try {
            run.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            fail(title, e.getCause());
        } catch (TimeoutException e) {
            fail(title, new TimeoutException("did not finish within " + STEP_TIMEOUT_SECONDS + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(title, e);
        }
    }

    private void fail(String title, Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        System.out.println("    FAILED  " + why);
        failures.add("[" + steps + "] " + title + " -- " + why);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("not as expected: " + what);
        }
        System.out.println("    OK  " + what);
    }

    private static <T> CompletableFuture<T> background(Task<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "umqtt-demo-step");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static void awaitLatch(CountDownLatch latch) throws InterruptedException, TimeoutException {
        if (!latch.await(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException("the example did not subscribe within " + STEP_TIMEOUT_SECONDS + " s");
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

    private static String value(String[] args, int i, String what) {
        if (i >= args.length) {
            System.err.println("missing value: " + what);
            System.exit(1);
        }
        return args[i];
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system cleans it eventually
        }
    }
}

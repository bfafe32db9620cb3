package umqtt.tests.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import umqtt.api.MqttClient;
import umqtt.cli.Main;
import umqtt.simple.SimpleClient;

/** Runs the umqtt command in this JVM (captured streams) or in a child JVM, and reads its result. */
final class Cli {

    /**
     * What a run left behind.
     *
     * @param status the exit status
     * @param out standard output, as bytes
     * @param err standard error
     */
    record Result(int status, byte[] out, String err) {
        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "status " + status + ", stdout [" + outText() + "], stderr [" + err + "]";
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    static Result runWithInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, o, e, new ByteArrayInputStream(stdin));
        }
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** Starts a run on another thread (a {@code sub} that waits for messages). */
    static CompletableFuture<Result> start(String... args) {
        return CompletableFuture.supplyAsync(() -> run(args), runnable -> {
            Thread t = new Thread(runnable, "umqtt-cli-under-test");
            t.setDaemon(true);
            t.start();
        });
    }

    /**
     * Publishes {@code payload} (QoS 0) to {@code topic} every 50 ms until {@code sub} finishes:
     * a subscriber started in the background has subscribed by the time one of them arrives.
     */
    static Result publishUntilDone(CompletableFuture<Result> sub, URI broker, String topic, byte[] payload)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (MqttClient c = SimpleClient.builder().server(broker.toString()).build()) {
            c.connect();
            while (!sub.isDone()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the subscriber did not finish within 20 s");
                }
                c.publish(topic, payload, false, 0);
                try {
                    return sub.get(50, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // not yet subscribed, or the message is on its way: publish again
                }
            }
            c.disconnect();
        }
        return sub.get();
    }

    /** The class path of this test JVM, which holds the umqtt modules and the test's dependencies. */
    static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** The command that runs {@code umqtt} in a child JVM from the class path. */
    static List<String> childCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", umqttJars(), "umqtt.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** Only the umqtt jars and class folders, and BouncyCastle: what a user puts on the class path. */
    private static String umqttJars() {
        List<String> parts = new ArrayList<>();
        for (String entry : classPath().split(File.pathSeparator)) {
            boolean umqtt = entry.contains(File.separator + "umqtt.") && !entry.contains("umqtt.tests");
            if (umqtt || Path.of(entry).getFileName().toString().startsWith("bc")) {
                parts.add(entry);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    /** Runs a child JVM to completion (60 s at most). */
    static Result runChild(byte[] stdin, String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(childCommand(args)).start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("umqtt did not finish within 60 s: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    /**
     * Returns once a new subscriber of {@code broker} gets {@code payload} as the retained message of {@code t}: HiveMQ
     * stores a retained message a moment after its PUBACK. Each try subscribes and unsubscribes (the
     * UNSUBACK wait delivers what came after the SUBACK), a round trip rather than a sleep.
     */
    static void awaitRetained(URI broker, String t, String payload) throws IOException {
        java.util.List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (MqttClient c = SimpleClient.builder().server(broker.toString()).build()) {
            c.setCallback(m -> {
                if (m.retained()) {
                    got.add(new String(m.payload(), StandardCharsets.UTF_8));
                }
            });
            c.connect();
            while (!got.contains(payload)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the broker did not retain '" + payload + "' on " + t + " within 10 s");
                }
                c.subscribe(t, 0);
                c.unsubscribe(t);
            }
            c.disconnect();
        }
    }

    static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

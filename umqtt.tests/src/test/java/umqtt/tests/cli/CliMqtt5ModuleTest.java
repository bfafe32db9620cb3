package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;

/**
 * umqtt.cli without the module umqtt.mqtt5 (it only {@code requires static} it): MQTT 3.1.1 works,
 * {@code -V mqttv5} is a usage error naming the module and how to get it; with the module (class
 * path, or module path with {@code --add-modules}) {@code -V mqttv5} works. Child JVMs, as a user
 * runs the jars.
 */
class CliMqtt5ModuleTest {

    private static final Path CLI_TARGET = Path.of(System.getProperty("umqtt.cli.target", "../umqtt.cli/target"));

    @Test
    void onAClassPathWithoutTheModuleMqtt311WorksAndVersion5NamesTheModule() throws Exception {
        List<String> cp = new ArrayList<>();
        for (String entry : Cli.classPath().split(File.pathSeparator)) {
            boolean umqtt = entry.contains(File.separator + "umqtt.") && !entry.contains("umqtt.tests")
                    && !entry.contains("umqtt.mqtt5");
            if (Path.of(entry).getFileName().toString().matches("umqtt\\.cli-.*\\.jar")) {
                cp.add(CLI_TARGET.resolve("classes").toString()); // the jar's manifest Class-Path names umqtt.mqtt5
            } else if (umqtt || Path.of(entry).getFileName().toString().startsWith("HdrHistogram")) {
                cp.add(entry);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", String.join(File.pathSeparator, cp), "umqtt.cli.Main");
        String port = Integer.toString(Brokers.mosquitto().uri(Listener.TCP).getPort());
        Cli.Result v5 = run(command, "pub", "-p", port, "-t", "cli/module", "-m", "x", "-V", "mqttv5");
        assertEquals(1, v5.status(), v5.toString());
        assertTrue(v5.err().startsWith("Error: -V mqttv5 needs the module umqtt.mqtt5, which is not here: add its jar "
                + "(umqtt.mqtt5-VERSION.jar) to the class path, or run java -jar umqtt.cli-VERSION.jar"), v5.err());
        Cli.Result v311 = run(command, "pub", "-p", port, "-t", "cli/module", "-m", "x", "-q", "1", "-V", "mqttv311");
        assertEquals(0, v311.status(), "MQTT 3.1.1 needs no MQTT 5 class: " + v311);
    }

    @Test
    void onTheModulePathTheModuleMustBeThereAndResolved(@TempDir Path dir) throws Exception {
        Path core = CLI_TARGET.resolve("modules/core");
        assertTrue(Files.isDirectory(core), "missing " + core + ": run with mvn verify (the package phase fills it)");
        Path without = Files.createDirectories(dir.resolve("without"));
        Path mqtt5Jar = null;
        try (Stream<Path> jars = Files.list(core)) {
            for (Path jar : jars.toList()) {
                if (jar.getFileName().toString().startsWith("umqtt.mqtt5")) {
                    mqtt5Jar = jar;
                } else if (!jar.getFileName().toString().startsWith("umqtt.cli")) {
                    Files.copy(jar, without.resolve(jar.getFileName()));
                }
            }
        }
        assertTrue(mqtt5Jar != null, "the build copies umqtt.mqtt5's jar to " + core);
        try (Stream<Path> files = Files.list(CLI_TARGET)) {
            Path cliJar = files.filter(p -> p.getFileName().toString().matches("umqtt\\.cli-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow();
            Files.copy(cliJar, without.resolve(cliJar.getFileName()));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String port = Integer.toString(Brokers.mosquitto().uri(Listener.TCP).getPort());
        String[] pub = {"pub", "-p", port, "-t", "cli/module", "-m", "x", "-q", "1", "-V", "5"};

        Cli.Result missing = run(List.of(java, "-p", without.toString(), "-m", "umqtt.cli/umqtt.cli.Main"), pub);
        assertEquals(1, missing.status(), missing.toString());
        assertTrue(missing.err().contains("needs the module umqtt.mqtt5") && missing.err().contains("module path"),
                missing.err());

        String both = without + File.pathSeparator + mqtt5Jar;
        Cli.Result unresolved = run(List.of(java, "-p", both, "-m", "umqtt.cli/umqtt.cli.Main"), pub);
        assertEquals(1, unresolved.status(), unresolved.toString());
        assertTrue(unresolved.err().contains("not resolved: add --add-modules umqtt.mqtt5"), unresolved.err());

        Cli.Result resolved = run(List.of(java, "-p", both, "--add-modules", "umqtt.mqtt5", "-m",
                "umqtt.cli/umqtt.cli.Main"), pub);
        assertEquals(0, resolved.status(), resolved.toString());
    }

    @Test
    void javaJarHasTheModule() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(CLI_TARGET)) {
            jar = files.filter(p -> p.getFileName().toString().matches("umqtt\\.cli-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no umqtt.cli jar in " + CLI_TARGET));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String port = Integer.toString(Brokers.hivemq().uri(Listener.TCP).getPort());
        String topic = "cli/module/jar/" + System.nanoTime();
        Cli.Result pub = run(List.of(java, "-jar", jar.toString()), "pub", "-p", port, "-t", topic, "-m", "from the jar",
                "-r", "-q", "1", "-V", "5", "-D", "publish", "content-type", "text/plain");
        assertEquals(0, pub.status(), pub.toString());
        Cli.awaitRetained(Brokers.hivemq().uri(Listener.TCP), topic, "from the jar");
        Cli.Result sub = Cli.run("sub", "-p", port, "-V", "5", "-t", topic, "-C", "1", "-W", "10", "-F", "%p %C");
        assertEquals("from the jar text/plain\n", sub.outText(), sub.toString());
        Cli.run("pub", "-p", port, "-t", topic, "-n", "-r");
    }

    private static Cli.Result run(List<String> command, String... args) throws Exception {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        Process p = new ProcessBuilder(all).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> Cli.readAll(p.getErrorStream()));
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish within 60 s: " + all);
        }
        return new Cli.Result(p.exitValue(), out, new String(err.get(), StandardCharsets.UTF_8));
    }
}

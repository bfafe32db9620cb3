package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;

/**
 * MQTT 5 in the jlink images: the full images carry umqtt.mqtt5 and {@code umqtt pub|sub -V mqttv5}
 * work from them; the minimal images leave it out (and umqtt.cli's Mqtt5* classes but Mqtt5Module)
 * and say so. Runs in the {@code images} profile,
 * beside {@link CliImageTest} (which keeps the minimal image's size bound).
 */
class CliMqtt5ImageTest {

    private static final Path IMAGES = Path.of(System.getProperty("umqtt.cli.target", "../umqtt.cli/target"))
            .resolve("images");

    @Test
    void onlyTheFullImagesCarryTheModule() throws Exception {
        for (String name : images()) {
            List<String> modules = modules(IMAGES.resolve(name));
            assertEquals(name.startsWith("full"), modules.contains("umqtt.mqtt5"), name + ": " + modules);
            assertTrue(modules.contains("umqtt.cli"), name + ": " + modules);
            assertTrue(hasCliClass(IMAGES.resolve(name), "Mqtt5Module.class"), name + ": the check that names the module");
            for (String mqtt5Only : mqtt5OnlyClasses()) {
                assertEquals(name.startsWith("full"), hasCliClass(IMAGES.resolve(name), mqtt5Only),
                        name + ": umqtt.cli's " + mqtt5Only + ", MQTT 5's alone, only where umqtt.mqtt5 is");
            }
        }
    }

    /**
     * What -V mqttv5 left in the minimal images: the option words ({@code V5Words}), the -V check,
     * {@code Mqtt5Module} and the client-calls hook, about 14.7 KB of class bytes (jrt's sizes:
     * uncompressed, debug information stripped), paid for since by the connection options' help held
     * once instead of six times ({@code ConnectHelp}). The bound: umqtt.cli's classes in a minimal
     * image stay within 2 KB of what they were at commit ef0fce1, before MQTT 5 (measured per JDK:
     * JDK 25's jlink strips less).
     */
    @Test
    void theMinimalImagesGrowOnlyByTheVersionCheck() throws Exception {
        for (String name : images()) {
            if (name.startsWith("minimal")) {
                long before = name.endsWith("-25") ? CLI_CLASS_BYTES_EF0FCE1_25 : CLI_CLASS_BYTES_EF0FCE1;
                long bytes = cliClassBytes(IMAGES.resolve(name));
                System.out.printf("%s: umqtt.cli's classes %d bytes (%+d since ef0fce1)%n", name, bytes, bytes - before);
                assertTrue(bytes <= before + 2_000, name + ": umqtt.cli's classes " + bytes + " bytes, more than 2 KB "
                        + "over ef0fce1's " + before + ": is MQTT 5 code outside the Mqtt5* classes the minimal images "
                        + "leave out?");
            }
        }
    }

    /** umqtt.cli's class bytes in the minimal image at ef0fce1, linked by JDK 17's jlink. */
    private static final long CLI_CLASS_BYTES_EF0FCE1 = 220_782;
    /** The same linked by JDK 25's jlink (minimal-25). */
    private static final long CLI_CLASS_BYTES_EF0FCE1_25 = 236_862;

    /** The classes of umqtt.cli that only -V mqttv5 runs: every Mqtt5* but Mqtt5Module, as compiled. */
    private static List<String> mqtt5OnlyClasses() throws Exception {
        Path classes = IMAGES.getParent().resolve("classes/umqtt/cli");
        List<String> names;
        try (var files = Files.list(classes)) {
            names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Mqtt5") && n.endsWith(".class") && !n.equals("Mqtt5Module.class"))
                    .sorted().toList();
        }
        assertTrue(names.containsAll(List.of("Mqtt5Calls.class", "Mqtt5Clients.class", "Mqtt5Options.class",
                "Mqtt5PropertyFlag.class", "Mqtt5Format.class")), classes + ": " + names);
        return names;
    }

    private static long cliClassBytes(Path image) throws Exception {
        try (FileSystem jrt = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", image.toString()));
                var files = Files.walk(jrt.getPath("modules", "umqtt.cli"))) {
            long total = 0;
            for (Path p : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    @Test
    void version5WorksFromTheFullImagesAndNamesTheModuleInTheMinimalOnes() throws Exception {
        String port = Integer.toString(Brokers.mosquitto().uri(Listener.TCP).getPort());
        for (String name : images()) {
            Path umqtt = IMAGES.resolve(name).resolve("bin/umqtt");
            String topic = "cli/image/v5/" + name + "/" + System.nanoTime();
            Cli.Result pub = run(umqtt, "pub", "-h", "127.0.0.1", "-p", port, "-V", "mqttv5", "-t", topic, "-m", "five",
                    "-r", "-q", "1", "-D", "publish", "user-property", "image", name);
            if (name.startsWith("minimal")) {
                assertEquals(1, pub.status(), pub.toString());
                assertTrue(pub.err().startsWith("Error: -V mqttv5 needs the module umqtt.mqtt5, which is not here: this "
                        + "is the minimal image, which leaves it out: use the 'full' image"), pub.err());
                Cli.Result v311 = run(umqtt, "pub", "-h", "127.0.0.1", "-p", port, "-t", topic, "-m", "x", "-q", "1");
                assertEquals(0, v311.status(), name + " still speaks MQTT 3.1.1: " + v311);
                continue;
            }
            assertEquals(0, pub.status(), pub.toString());
            Cli.Result sub = run(umqtt, "sub", "-h", "127.0.0.1", "-p", port, "-V", "5", "-t", topic, "-C", "1", "-W",
                    "10", "-F", "%t %p %P");
            assertEquals(0, sub.status(), sub.toString());
            assertEquals(topic + " five image:" + name + "\n", sub.outText());
            run(umqtt, "pub", "-h", "127.0.0.1", "-p", port, "-t", topic, "-n", "-r");
        }
    }

    /** minimal and full, and their JDK 25 builds when -Pimages25 made them. */
    private static List<String> images() {
        List<String> names = new ArrayList<>(List.of("minimal", "full"));
        if (Files.isDirectory(IMAGES.resolve("minimal-25"))) {
            names.addAll(List.of("minimal-25", "full-25"));
        }
        for (String name : names) {
            assertTrue(Files.isDirectory(IMAGES.resolve(name)), "missing image " + name + ": mvn -Pimages package");
        }
        return names;
    }

    private static Cli.Result run(Path umqtt, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(umqtt.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeAll(List.of("JDK_JAVA_OPTIONS", "JAVA_OPTS", "JAVA_TOOL_OPTIONS"));
        Process p = builder.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> Cli.readAll(p.getErrorStream()));
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + command);
        return new Cli.Result(p.exitValue(), out, new String(err.get(), StandardCharsets.UTF_8));
    }

    /** Reads the image's lib/modules through its own jrt file system (a JDK 25 image's too). */
    private static boolean hasCliClass(Path image, String file) throws Exception {
        try (FileSystem jrt = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", image.toString()))) {
            assertTrue(Files.exists(jrt.getPath("modules", "umqtt.cli", "umqtt", "cli", "Main.class")), image.toString());
            return Files.exists(jrt.getPath("modules", "umqtt.cli", "umqtt", "cli", file));
        }
    }

    private static List<String> modules(Path image) throws Exception {
        Process p = new ProcessBuilder(image.resolve("bin/java").toString(), "--list-modules").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(out.isBlank(), image + ": java --list-modules printed nothing");
        return out.lines().map(l -> l.replaceFirst("@.*", "")).sorted().toList();
    }
}

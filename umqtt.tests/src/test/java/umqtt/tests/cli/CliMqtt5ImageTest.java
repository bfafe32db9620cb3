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
 * work from them; the minimal images leave it out (and umqtt.cli's two classes that name its types)
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
            for (String glue : new String[] {"Mqtt5Calls.class", "Mqtt5Clients.class"}) {
                assertEquals(name.startsWith("full"), hasCliClass(IMAGES.resolve(name), glue),
                        name + ": umqtt.cli's " + glue + ", which names MQTT 5 types, only where umqtt.mqtt5 is");
            }
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

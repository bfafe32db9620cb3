package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jars as the build packs them (umqtt.cli/target/modules/core, filled in the package phase):
 * umqtt.mqtt5 stays within its 120 KB budget, and the 3.1.1 jars (umqtt.api, umqtt.simple) hold no
 * MQTT 5 class nor any class that names one.
 */
class Mqtt5JarSizeTest {

    private static final Path CORE = Path.of(System.getProperty("umqtt.cli.target", "../umqtt.cli/target"))
            .resolve("modules/core");

    @Test
    void theMqtt5JarIsAtMost120Kilobytes() throws IOException {
        Path jar = jar("umqtt.mqtt5");
        long bytes = Files.size(jar);
        System.out.printf("jar sizes: umqtt.mqtt5 %,d B, umqtt.api %,d B, umqtt.simple %,d B%n", bytes,
                Files.size(jar("umqtt.api")), Files.size(jar("umqtt.simple")));
        assertTrue(bytes <= 120 * 1024, jar + " is " + bytes + " bytes, over the 120 KB (122,880 B) budget");
    }

    @Test
    void the311JarsHoldNoMqtt5Class() throws IOException {
        for (String module : List.of("umqtt.api", "umqtt.simple")) {
            List<String> found = new ArrayList<>();
            try (JarFile jar = new JarFile(jar(module).toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                    JarEntry entry = e.nextElement();
                    if (!entry.getName().endsWith(".class")) {
                        continue;
                    }
                    if (entry.getName().startsWith("umqtt/mqtt5/") || entry.getName().contains("Mqtt5")) {
                        found.add(entry.getName());
                        continue;
                    }
                    try (InputStream in = jar.getInputStream(entry)) {
                        // A class that refers to an MQTT 5 type names it in its constant pool as umqtt/mqtt5/...;
                        // umqtt.simple's module-info exports its codec to the module by its name (umqtt.mqtt5).
                        String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                        if (text.contains("umqtt/mqtt5/")) {
                            found.add(entry.getName() + " (refers to umqtt/mqtt5/)");
                        }
                    }
                }
            }
            assertEquals(List.of(), found, module + " holds MQTT 5 classes");
        }
    }

    private static Path jar(String module) throws IOException {
        assertTrue(Files.isDirectory(CORE), "missing " + CORE + ": run with mvn verify (the package phase fills it)");
        try (Stream<Path> files = Files.list(CORE)) {
            return files.filter(p -> p.getFileName().toString().matches(module.replace(".", "\\.") + "-[0-9].*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + module + " jar in " + CORE));
        }
    }
}

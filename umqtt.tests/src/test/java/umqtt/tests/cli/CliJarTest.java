package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.TestPki;

/**
 * {@code java -jar umqtt.cli/target/umqtt.cli-VERSION.jar} works after any build that packages
 * (README's commands, a plain {@code mvn package}/{@code verify}/{@code install}): the jar's
 * manifest names the jars that the build copies beside it, transports included.
 */
class CliJarTest {

    private static final Path CLI_TARGET = Path.of(System.getProperty("umqtt.cli.target", "../umqtt.cli/target"));

    @Test
    void subHelpRunsFromTheJar() throws Exception {
        Cli.Result help = javaJar("sub", "--help");
        assertEquals(0, help.status(), help.toString());
        assertTrue(help.outText().startsWith("Usage: umqtt sub"), help.toString());
    }

    @Test
    void theJarFindsTheTlsTransportBesideIt() throws Exception {
        URI tls = Brokers.hivemq().localhostUri(Listener.TLS);
        String topic = "cli/jar/" + System.nanoTime();
        Cli.Result pub = javaJar("pub", "-L", tls + "/" + topic, "--cafile", TestPki.get().caCert().toString(),
                "-m", "from the jar", "-r", "-q", "1");
        assertEquals(0, pub.status(), pub.toString());
        Cli.awaitRetained(Brokers.hivemq().uri(Listener.TCP), topic, "from the jar");
        Cli.Result got = Cli.run("sub", "-L", Brokers.hivemq().uri(Listener.TCP).toString(), "-t", topic,
                "-C", "1", "-W", "10");
        assertEquals("from the jar\n", got.outText(), got.toString());
        Cli.run("pub", "-L", Brokers.hivemq().uri(Listener.TCP).toString(), "-t", topic, "-n", "-r");
    }

    @Test
    void everyClassPathEntryOfTheManifestExists() throws Exception {
        Path jar = jar();
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            String classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
            assertTrue(classPath != null && !classPath.isBlank(), "no Class-Path in " + jar);
            for (String entry : classPath.trim().split("\\s+")) {
                assertTrue(Files.isRegularFile(jar.resolveSibling(entry)), jar + " names " + entry
                        + ", which the build did not put beside it");
            }
        }
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(CLI_TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("umqtt\\.cli-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no umqtt.cli jar in " + CLI_TARGET
                            + ": run the tests with mvn verify (the package phase builds it)"));
        }
    }

    private static Cli.Result javaJar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> Cli.readAll(p.getErrorStream()));
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar did not finish within 30 s: " + command);
        }
        return new Cli.Result(p.exitValue(), out, new String(err.get(), StandardCharsets.UTF_8));
    }
}

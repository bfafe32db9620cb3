package umqtt.tests.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import umqtt.api.spi.Transports;
import umqtt.simple.SimpleClient;

/**
 * Provider discovery both ways: on the module path (a child JVM with named modules only, and a
 * user's provider module compiled here) and on the class path (this JVM, where META-INF/services
 * registers a test provider written as a user would).
 */
class ModulePathDiscoveryTest {

    /** The probe a user would write: a module that provides a scheme and lists what it finds. */
    private static final String PROBE_MODULE = """
            module probe {
                requires umqtt.simple;
                provides umqtt.api.spi.TransportProvider with probe.ProbeProvider;
            }
            """;
    private static final String PROBE_PROVIDER = """
            package probe;
            public final class ProbeProvider implements umqtt.api.spi.TransportProvider {
                public java.util.Set<String> schemes() { return java.util.Set.of("probe"); }
                public int defaultPort(String scheme) { return 9; }
                public umqtt.api.spi.Transport open(java.net.URI uri, umqtt.api.spi.TransportOptions o) {
                    throw new UnsupportedOperationException();
                }
            }
            """;
    private static final String PROBE_MAIN = """
            package probe;
            import umqtt.api.spi.Transports;
            public final class Main {
                public static void main(String[] args) {
                    for (String s : Transports.schemes()) {
                        var p = Transports.provider(s);
                        System.out.println(s + " " + p.getClass().getName() + " " + p.getClass().getModule().getName());
                    }
                    try {
                        Transports.provider("mqtts");
                    } catch (IllegalArgumentException e) {
                        System.out.println("error " + e.getMessage());
                    }
                    // SimpleClient's builder resolves the scheme through the same discovery.
                    umqtt.simple.SimpleClient.builder().server("probe://host").build();
                    System.out.println("built");
                }
            }
            """;

    @Test
    void providersAreFoundOnTheModulePathFromNamedModules(@TempDir Path dir) throws Exception {
        Path api = codeSource(Transports.class);
        Path simple = codeSource(SimpleClient.class);
        Path src = dir.resolve("src");
        write(src.resolve("module-info.java"), PROBE_MODULE);
        write(src.resolve("probe/ProbeProvider.java"), PROBE_PROVIDER);
        write(src.resolve("probe/Main.java"), PROBE_MAIN);
        Path out = dir.resolve("probe");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String modulePath = api + File.pathSeparator + simple;
        int rc = javac.run(null, null, null, "--release", "17", "--module-path", modulePath, "-d", out.toString(),
                src.resolve("module-info.java").toString(), src.resolve("probe/ProbeProvider.java").toString(),
                src.resolve("probe/Main.java").toString());
        assertEquals(0, rc, "the probe module compiles against the api on the module path");

        List<String> lines = run(List.of(javaBinary(), "--module-path", modulePath + File.pathSeparator + out,
                "-m", "probe/probe.Main"));
        assertTrue(lines.contains("mqtt umqtt.api.spi.TcpTransportProvider umqtt.api"), lines.toString());
        assertTrue(lines.contains("tcp umqtt.api.spi.TcpTransportProvider umqtt.api"), lines.toString());
        assertTrue(lines.contains("probe probe.ProbeProvider probe"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("error no transport installed for scheme 'mqtts': add the "
                + "module umqtt.transport.tls")), lines.toString());
        assertTrue(lines.contains("built"), lines.toString());
    }

    @Test
    void aUsersProviderIsFoundOnTheClassPath() {
        assertInstanceOf(CountingTransportProvider.class, Transports.provider("counting"));
        assertTrue(Transports.schemes().contains("counting"));
    }

    static Path codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, p.exitValue(), output);
        return new ArrayList<>(output.lines().toList());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import umqtt.api.spi.TcpTransportProvider;
import umqtt.api.spi.TransportProvider;
import umqtt.api.spi.Transports;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.JsseContexts;
import umqtt.tests.brokers.TestPki;
import umqtt.transport.tls.TlsTransportProvider;

/**
 * The TLS provider is found on the class path (META-INF/services) and on the module path
 * (provides, bound by the launcher's service binding) where it also connects, and the core
 * modules know nothing of it or of BouncyCastle.
 */
class TlsProviderDiscoveryTest {

    @Test
    void foundOnTheClassPathForEveryTlsScheme() {
        for (String scheme : List.of("mqtts", "ssl", "tls", "MQTTS")) {
            TransportProvider p = Transports.provider(scheme);
            assertInstanceOf(TlsTransportProvider.class, p, scheme);
            assertFalse(p.getClass().getModule().isNamed(), "class path, unnamed module");
        }
        assertEquals(Set.of("mqtts", "ssl", "tls"), new TlsTransportProvider().schemes());
        assertEquals(8883, Transports.port(URI.create("mqtts://broker.example"), Transports.provider("mqtts")));
        assertEquals(8884, Transports.port(URI.create("ssl://broker.example:8884"), Transports.provider("ssl")));
        assertTrue(Transports.schemes().containsAll(Set.of("mqtt", "tcp", "mqtts", "ssl", "tls")));
    }

    @Test
    void foundOnTheModulePathFromTheNamedModule(@TempDir Path dir) throws Exception {
        Path api = location(TcpTransportProvider.class);
        Path src = dir.resolve("src");
        Path out = dir.resolve("probe");
        Files.createDirectories(src.resolve("umqtt/probe"));
        Files.writeString(src.resolve("module-info.java"), "module umqtt.probe { requires umqtt.api; }\n");
        Files.writeString(src.resolve("umqtt/probe/Probe.java"), """
                package umqtt.probe;
                public final class Probe {
                    public static void main(String[] args) throws Exception {
                        for (String s : new String[] {"mqtts", "ssl", "tls"}) {
                            Object p = umqtt.api.spi.Transports.provider(s);
                            System.out.println(s + " " + p.getClass().getName() + " " + p.getClass().getModule().getName());
                        }
                        var tls = umqtt.api.TlsOptions.builder().trustPem(java.nio.file.Path.of(args[1])).build();
                        var options = new umqtt.api.spi.TransportOptions(java.time.Duration.ofSeconds(10), tls,
                                java.util.Map.of());
                        try (var t = umqtt.api.spi.Transports.open(java.net.URI.create(args[0]), options)) {
                            t.output().write(42);
                            t.output().flush();
                            System.out.println("echo " + t.input().read());
                        }
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "--module-path", api.toString(), "-d", out.toString(),
                src.resolve("module-info.java").toString(), src.resolve("umqtt/probe/Probe.java").toString());
        assertEquals(0, rc, "the probe module compiles");

        List<Path> modulePath = List.of(out, api, location(TlsTransportProvider.class),
                location(org.bouncycastle.tls.TlsClientProtocol.class),
                location(org.bouncycastle.jce.provider.BouncyCastleProvider.class),
                location(org.bouncycastle.openssl.PEMParser.class),
                location(org.bouncycastle.asn1.cmc.BodyPartID.class));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String output;
        Process p;
        try (RecordingTlsServer server = new RecordingTlsServer(JsseContexts.server(), null, s -> {
            s.getOutputStream().write(s.getInputStream().read());
            s.getOutputStream().flush();
        })) {
            // No --add-modules: the launcher's service binding must pull the TLS module in by itself.
            p = new ProcessBuilder(java, "--module-path",
                    modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                    "-m", "umqtt.probe/umqtt.probe.Probe", "mqtts://localhost:" + server.port(),
                    TestPki.get().caCert().toString()).redirectErrorStream(true).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child JVM ends");
        }
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("echo 42"), "a TLS connection from the named module works: " + output);
        for (String s : List.of("mqtts", "ssl", "tls")) {
            assertTrue(output.contains(s + " umqtt.transport.tls.TlsTransportProvider umqtt.transport.tls"), output);
        }
    }

    @Test
    void theTlsModuleDeclaresTheProviderAndTheCoreNeverRequiresBouncyCastle() throws Exception {
        ModuleDescriptor tls = descriptor(location(TlsTransportProvider.class));
        assertEquals("umqtt.transport.tls", tls.name());
        assertTrue(tls.provides().stream().anyMatch(p -> p.service().equals(TransportProvider.class.getName())
                && p.providers().contains(TlsTransportProvider.class.getName())), tls.provides().toString());
        assertTrue(tls.requires().stream().anyMatch(r -> r.name().equals("org.bouncycastle.tls")), tls.toString());

        Path modules = Path.of(System.getProperty("umqtt.tests.target")).getParent().getParent();
        for (Path core : List.of(location(TcpTransportProvider.class), location(SimpleClient.class),
                classesOrJar(modules.resolve("umqtt.robust/target")))) {
            ModuleDescriptor d = descriptor(core);
            for (ModuleDescriptor.Requires r : d.requires()) {
                assertTrue(r.name().equals("java.base") || r.name().startsWith("umqtt."),
                        d.name() + " requires " + r.name() + ": the core may require java.base and umqtt modules only");
                assertFalse(r.name().equals("umqtt.transport.tls"), d.name() + " must not require the TLS module");
            }
        }
    }

    private static Path classesOrJar(Path target) throws IOException {
        if (Files.isRegularFile(target.resolve("classes/module-info.class"))) {
            return target.resolve("classes");
        }
        try (var jars = Files.list(target)) {
            return jars.filter(j -> j.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IOException("no module found in " + target));
        }
    }

    private static ModuleDescriptor descriptor(Path location) {
        Set<ModuleReference> found = ModuleFinder.of(location).findAll();
        assertEquals(1, found.size(), "one module at " + location);
        return found.iterator().next().descriptor();
    }

    private static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}

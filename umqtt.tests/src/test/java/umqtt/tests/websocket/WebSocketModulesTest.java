package umqtt.tests.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import umqtt.api.spi.Transports;
import umqtt.simple.SimpleClient;
import umqtt.transport.websocket.WebSocketTransportProvider;

/**
 * What a user sees with modules missing, in child JVMs whose class or module path holds exactly
 * the jars under test: wss:// without umqtt.transport.websocket, wss:// without
 * umqtt.transport.tls, and the provider found from its named module on the module path.
 */
class WebSocketModulesTest {

    /** A user's program: lists the schemes, then connects to a wss:// server and prints what fails. */
    private static final String PROBE_MAIN = """
            package probe;
            import umqtt.api.spi.Transports;
            public final class Main {
                public static void main(String[] args) throws Exception {
                    for (String s : Transports.schemes()) {
                        var p = Transports.provider(s);
                        System.out.println("scheme " + s + " " + p.getClass().getName() + " " + p.getClass().getModule().getName());
                    }
                    try (var client = umqtt.simple.SimpleClient.builder().server(args[0]).build()) {
                        client.connect();
                        System.out.println("connected");
                    } catch (Exception e) {
                        System.out.println("error " + e.getClass().getName() + ": " + e.getMessage());
                    }
                }
            }
            """;
    private static final String PROBE_MODULE = "module probe { requires umqtt.simple; }";

    @TempDir
    static Path dir;
    private static Path api;
    private static Path simple;
    private static Path websocket;

    @BeforeAll
    static void findJars() throws URISyntaxException {
        api = codeSource(Transports.class);
        simple = codeSource(SimpleClient.class);
        websocket = codeSource(WebSocketTransportProvider.class);
    }

    @Test
    void wssWithoutTheWebSocketModuleNamesIt() throws Exception {
        Path probe = compile("cp-no-ws", false, api, simple);
        String out = run("-cp", path(api, simple, probe), "probe.Main", "wss://127.0.0.1:9/mqtt");
        assertTrue(out.contains("error java.lang.IllegalArgumentException: no transport installed for scheme 'wss': "
                + "add the module umqtt.transport.websocket"), out);
        assertTrue(!out.contains("scheme ws "), "no ws provider without the module: " + out);
    }

    @Test
    void wssWithoutTheTlsModuleNamesIt() throws Exception {
        Path probe = compile("cp-no-tls", false, api, simple);
        String out = run("-cp", path(api, simple, websocket, probe), "probe.Main", "wss://127.0.0.1:9/mqtt");
        assertTrue(out.contains("scheme wss umqtt.transport.websocket.WebSocketTransportProvider"), out);
        assertTrue(out.contains("error java.lang.IllegalArgumentException: wss:// needs the TLS transport: add the "
                + "module umqtt.transport.tls"), out);
    }

    @Test
    void theProviderComesFromItsNamedModuleOnTheModulePath() throws Exception {
        Path probe = compile("mp", true, api, simple);
        String out = run("--module-path", path(api, simple, websocket, probe), "--add-modules",
                "umqtt.transport.websocket", "-m", "probe/probe.Main", "wss://127.0.0.1:9/mqtt");
        assertTrue(out.contains("scheme ws umqtt.transport.websocket.WebSocketTransportProvider umqtt.transport.websocket"), out);
        assertTrue(out.contains("scheme wss umqtt.transport.websocket.WebSocketTransportProvider umqtt.transport.websocket"), out);
        assertTrue(out.contains("wss:// needs the TLS transport: add the module umqtt.transport.tls"), out);
    }

    private static Path compile(String name, boolean module, Path... deps) throws IOException {
        Path src = dir.resolve(name + "-src");
        Path out = dir.resolve(name);
        Files.createDirectories(src.resolve("probe"));
        Files.writeString(src.resolve("probe/Main.java"), PROBE_MAIN);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc;
        if (module) {
            Files.writeString(src.resolve("module-info.java"), PROBE_MODULE);
            rc = javac.run(null, null, null, "--release", "17", "--module-path", path(deps), "-d", out.toString(),
                    src.resolve("module-info.java").toString(), src.resolve("probe/Main.java").toString());
        } else {
            rc = javac.run(null, null, null, "--release", "17", "-cp", path(deps), "-d", out.toString(),
                    src.resolve("probe/Main.java").toString());
        }
        assertEquals(0, rc, "the probe compiles");
        return out;
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    private static String path(Path... entries) {
        StringBuilder sb = new StringBuilder();
        for (Path e : entries) {
            sb.append(sb.length() == 0 ? "" : File.pathSeparator).append(e);
        }
        return sb.toString();
    }

    private static Path codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}

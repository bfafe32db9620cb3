package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import umqtt.api.MqttClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.Mosquitto;
import umqtt.tests.brokers.TestPki;

/**
 * The jlink images that {@code mvn -Pimages package} builds in umqtt.cli/target/images, run as a
 * user runs them ({@code bin/umqtt}), and the jars in umqtt.cli/target/modules on a plain class
 * path. Runs in the {@code images} profile (which builds them); see umqtt.tests/pom.xml.
 */
class CliImageTest {

    private static final Path CLI_TARGET = Path.of(System.getProperty("umqtt.cli.target", "../umqtt.cli/target"));
    private static final Path IMAGES = CLI_TARGET.resolve("images");

    @Test
    void minimalImageIsWithinAFewHundredKilobytesOfBareJavaBase() throws Exception {
        long bare = kilobytes(image("bare"));
        long minimal = kilobytes(image("minimal"));
        long full = kilobytes(image("full"));
        long archives = archiveKilobytes(image("minimal"));
        System.out.printf("image sizes (du -sk): bare %d KB, minimal %d KB (%d KB of it start-up archives), full %d KB"
                + " (%d KB)%n", bare, minimal, archives, full, archiveKilobytes(image("full")));
        // 108 KB before issue 13; its bench (with HdrHistogram, ~170 KB), probe and mosquitto_sub's -F
        // brought it to about 350 KB: the bound keeps a few hundred, the client itself far less.
        assertTrue(minimal - archives - bare <= 400,
                "minimal " + minimal + " KB less its archives " + archives + " KB vs bare java.base " + bare + " KB");
        assertTrue(full > minimal, "full holds BouncyCastle");
        assertFalse(modules(image("minimal")).contains("umqtt.transport.tls"));
        assertTrue(modules(image("full")).containsAll(List.of("umqtt.transport.tls", "umqtt.transport.websocket",
                "umqtt.cli", "umqtt.simple", "umqtt.robust", "org.bouncycastle.tls")));
        assertEquals(List.of("java.base"), modules(image("bare")));
    }

    @Test
    void minimalImageTalksTcpAndNamesTheMissingModules() throws Exception {
        Path umqtt = launcher("minimal");
        roundTrip(umqtt, List.of("-L", Brokers.mosquitto().uri(Listener.TCP).toString()));
        Cli.Result tls = run(umqtt, "pub", "-L", Brokers.mosquitto().uri(Listener.TLS) + "/t", "-m", "x");
        assertEquals(1, tls.status(), tls.toString());
        assertTrue(tls.err().contains("no transport installed for scheme 'mqtts': add the module umqtt.transport.tls"),
                tls.err());
        assertTrue(tls.err().contains("use the 'full' image"), tls.err());
        Cli.Result ws = run(umqtt, "sub", "-L", Brokers.mosquitto().uri(Listener.WS).toString(), "-t", "x");
        assertEquals(1, ws.status(), ws.toString());
        assertTrue(ws.err().contains("umqtt.transport.websocket"), ws.err());
    }

    @Test
    void minimalImagePrintsWhatMosquittoSubPrints() throws Exception {
        Path umqtt = launcher("minimal");
        Path mosquittoSub = Mosquitto.program("mosquitto_sub");
        URI tcp = Brokers.mosquitto().uri(Listener.TCP);
        String topic = "cli/image/beside/" + System.nanoTime();
        String port = Integer.toString(tcp.getPort());
        assertEquals(0, run(umqtt, "pub", "-h", "127.0.0.1", "-p", port, "-t", topic + "/a", "-m", "one two", "-r").status());
        assertEquals(0, run(umqtt, "pub", "-h", "127.0.0.1", "-p", port, "-t", topic + "/b", "-m", "three", "-r").status());
        for (String verbose : new String[] {"-v", "-N"}) {
            Cli.Result ours = run(umqtt, "sub", "-h", "127.0.0.1", "-p", port, "-t", topic + "/#", "-C", "2", verbose);
            Cli.Result theirs = run(List.of(mosquittoSub.toString(), "-h", "127.0.0.1", "-p", port, "-t", topic + "/#",
                    "-C", "2", verbose));
            assertEquals(0, ours.status(), ours.toString());
            assertEquals(theirs.outText(), ours.outText(), "umqtt sub " + verbose + " prints as mosquitto_sub does");
        }
        run(umqtt, "pub", "-h", "127.0.0.1", "-p", port, "-t", topic + "/a", "-n", "-r");
        run(umqtt, "pub", "-h", "127.0.0.1", "-p", port, "-t", topic + "/b", "-n", "-r");
    }

    @Test
    void fullImageTalksTlsMutualTlsPskAndWebSocket() throws Exception {
        Path umqtt = launcher("full");
        TestPki pki = TestPki.get();
        String ca = pki.caCert().toString();
        roundTrip(umqtt, List.of("-L", Brokers.mosquitto().localhostUri(Listener.TLS).toString(), "--cafile", ca));
        roundTrip(umqtt, List.of("-L", Brokers.mosquitto().localhostUri(Listener.MUTUAL_TLS).toString(), "--cafile", ca,
                "--cert", pki.clientRsaCert().toString(), "--key", pki.clientRsaKeyPkcs8().toString()));
        roundTrip(umqtt, List.of("-L", Brokers.mosquitto().localhostUri(Listener.PSK).toString(),
                "--psk", java.util.HexFormat.of().formatHex(pki.pskKey()), "--psk-identity", pki.pskIdentity()));
        roundTrip(umqtt, List.of("-L", Brokers.mosquitto().uri(Listener.WS).toString()));
        roundTrip(umqtt, List.of("-L", Brokers.mosquitto().localhostUri(Listener.WSS).toString(), "--cafile", ca));
        Cli.Result untrusted = run(umqtt, "pub", "-L", Brokers.mosquitto().localhostUri(Listener.TLS) + "/t", "-m", "x");
        assertEquals(2, untrusted.status(), untrusted.toString());
    }

    @Test
    void binUmqttLoadsItsClassesFromTheArchiveTheTrainingRunMade() throws Exception {
        for (String name : startUpImages()) {
            Path image = image(name);
            assertTrue(Files.isRegularFile(image.resolve("lib/server/classes.jsa")), name + ": jlink's CDS archive");
            assertTrue(Files.isRegularFile(archive(image)), name + ": " + archive(image));
            Cli.Result help = run(launcher(name), Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info"), "pub", "--help");
            assertEquals(0, help.status(), help.toString());
            assertFromArchive(name, help, "umqtt.cli.Main", "umqtt.cli.PubCommand", "umqtt.cli.ConnectOptions");
        }
    }

    @Test
    void binUmqttPublishesWithItsClassesFromTheArchive() throws Exception {
        String port = Integer.toString(Brokers.mosquitto().uri(Listener.TCP).getPort());
        for (String name : startUpImages()) {
            Cli.Result pub = run(launcher(name), Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info"),
                    "pub", "-h", "127.0.0.1", "-p", port, "-q", "1", "-t", "cli/image/archive", "-m", "x");
            assertEquals(0, pub.status(), pub.toString());
            assertFromArchive(name, pub, "umqtt.cli.Main", "umqtt.simple.SimpleClient", "umqtt.api.spi.TcpTransportProvider");
        }
    }

    @Test
    void anImageCopiedElsewhereStartsWithItsOwnArchive(@TempDir Path temp) throws Exception {
        for (String name : startUpImages()) {
            Path copy = copy(image(name), temp.resolve("moved here/" + name));
            Path elsewhere = Files.createDirectories(temp.resolve("cwd"));
            String archiveLog = name.endsWith("-25") ? "-Xlog:aot=info" : "-Xlog:cds=info"; // JDK 25 renamed the tag
            Cli.Result help = run(List.of(copy.resolve("bin/umqtt").toString(), "pub", "--help"), elsewhere,
                    Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info " + archiveLog));
            assertEquals(0, help.status(), help.toString());
            String own = copy.resolve("bin/../lib").resolve(archive(copy).getFileName()).toString(); // as bin/umqtt names it
            assertTrue(help.outText().contains(own), name + " copied: opens " + own + "\n" + help);
            assertFromArchive(name + " copied", help, "umqtt.cli.Main", "umqtt.cli.PubCommand");
        }
    }

    @Test
    void aSymbolicLinkToBinUmqttRunsTheImageItPointsInto(@TempDir Path temp) throws Exception {
        for (String name : startUpImages()) {
            Path link = Files.createSymbolicLink(temp.resolve("umqtt-" + name), launcher(name).toAbsolutePath());
            Cli.Result help = run(List.of(link.toString(), "pub", "--help"), temp,
                    Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info"));
            assertEquals(0, help.status(), help.toString());
            assertFromArchive(name + " through a link", help, "umqtt.cli.Main", "umqtt.cli.PubCommand");
        }
    }

    @Test
    void aStaleCorruptOrMissingArchiveOnlyCostsStartUpTime(@TempDir Path temp) throws Exception {
        for (String name : startUpImages()) {
            String expected = run(launcher(name), Map.of(), "pub", "--help").outText();
            String other = name.startsWith("minimal") ? name.replace("minimal", "full") : name.replace("full", "minimal");
            Path copy = copy(image(name), temp.resolve(name));
            Path archive = archive(copy);
            Map<String, byte[]> cases = new LinkedHashMap<>();
            cases.put("stale (the " + other + " image's)", Files.readAllBytes(archive(image(other))));
            cases.put("truncated", Arrays.copyOf(Files.readAllBytes(archive), (int) Files.size(archive) / 2));
            cases.put("garbage", "not an archive".getBytes(StandardCharsets.US_ASCII));
            cases.put("missing", null);
            for (Map.Entry<String, byte[]> c : cases.entrySet()) {
                archive.toFile().setWritable(true);
                Files.deleteIfExists(archive);
                if (c.getValue() != null) {
                    Files.write(archive, c.getValue());
                }
                Cli.Result help = run(List.of(copy.resolve("bin/umqtt").toString(), "pub", "--help"), temp, Map.of());
                String what = name + " with its archive " + c.getKey();
                assertEquals(0, help.status(), what + ": " + help);
                assertEquals(expected, help.outText(), what + ": the help text alone on stdout (JVM warnings go to stderr)");
            }
        }
    }

    @Test
    void theUsersJavaOptionsStillApply() throws Exception {
        for (String name : startUpImages()) {
            Path umqtt = launcher(name);
            Cli.Result unshared = run(umqtt, Map.of("JAVA_OPTS", "-Xshare:off -Xlog:class+load=info"), "pub", "--help");
            assertEquals(0, unshared.status(), unshared.toString());
            assertTrue(unshared.outText().contains("umqtt.cli.Main source: jrt:/umqtt.cli"),
                    name + ": JAVA_OPTS come after the launcher's options and win\n" + unshared);
            Cli.Result parallel = run(umqtt, Map.of("JDK_JAVA_OPTIONS", "-XX:+UseParallelGC -Xlog:gc=info"), "pub",
                    "--help");
            assertEquals(0, parallel.status(), parallel.toString());
            assertTrue(parallel.outText().contains("Using Parallel"),
                    name + ": a collector in JDK_JAVA_OPTIONS replaces the serial one\n" + parallel);
        }
    }

    @Test
    void jarsRunOnAPlainClassPathWithJavaJarAndOnTheModulePath() throws Exception {
        Path core = CLI_TARGET.resolve("modules/core");
        Path transports = CLI_TARGET.resolve("modules/transports");
        assertTrue(Files.isDirectory(core), "missing " + core + ": build with mvn -Pimages package");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = core + File.separator + "*" + File.pathSeparator + transports + File.separator + "*";
        roundTrip(List.of(java, "-cp", classPath, "umqtt.cli.Main"),
                List.of("-L", Brokers.mosquitto().localhostUri(Listener.TLS).toString(), "--cafile",
                        TestPki.get().caCert().toString()));
        Path jar = Files.list(CLI_TARGET).filter(p -> p.getFileName().toString().matches("umqtt\\.cli-.*\\.jar"))
                .findFirst().orElseThrow();
        roundTrip(List.of(java, "-jar", jar.toString()), List.of("-L", Brokers.mosquitto().localhostUri(Listener.WSS)
                .toString(), "--cafile", TestPki.get().caCert().toString()));
        roundTrip(List.of(java, "-p", core + File.pathSeparator + transports, "--add-modules", "ALL-MODULE-PATH",
                "-m", "umqtt.cli/umqtt.cli.Main"), List.of("-L", Brokers.mosquitto().uri(Listener.WS).toString()));
    }

    private static void roundTrip(Path umqtt, List<String> connect) throws Exception {
        roundTrip(List.of(umqtt.toString()), connect);
    }

    /** umqtt sub (one message) while a library client publishes until it arrives; then umqtt pub, retained. */
    private static void roundTrip(List<String> umqtt, List<String> connect) throws Exception {
        URI tcp = Brokers.mosquitto().uri(Listener.TCP);
        String topic = "cli/image/" + System.nanoTime();
        List<String> sub = new ArrayList<>(umqtt);
        sub.add("sub");
        sub.addAll(connect);
        sub.addAll(List.of("-t", topic, "-C", "1", "-W", "30", "-v"));
        Process p = new ProcessBuilder(sub).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> Cli.readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> Cli.readAll(p.getErrorStream()));
        try (MqttClient c = SimpleClient.builder().server(tcp.toString()).build()) {
            c.connect();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
                assertTrue(System.nanoTime() < deadline, "umqtt sub did not receive within 30 s: " + sub);
                c.publish(topic, "hello image".getBytes(StandardCharsets.UTF_8), false, 0);
            }
        } finally {
            p.destroyForcibly();
        }
        String printed = new String(out.get(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), sub + ": " + printed + new String(err.get(), StandardCharsets.UTF_8));
        assertEquals(topic + " hello image\n", printed);

        List<String> pub = new ArrayList<>(umqtt);
        pub.add("pub");
        pub.addAll(connect);
        pub.addAll(List.of("-t", topic + "/kept", "-m", "kept", "-r", "-q", "1"));
        Cli.Result published = run(pub);
        assertEquals(0, published.status(), published.toString());
        Cli.Result got = Cli.run("sub", "-L", tcp.toString(), "-t", topic + "/kept", "-C", "1", "-W", "10");
        assertEquals("kept\n", got.outText(), got.toString());
        Cli.run("pub", "-L", tcp.toString(), "-t", topic + "/kept", "-n", "-r");
    }

    private static Cli.Result run(Path umqtt, String... args) throws Exception {
        return run(umqtt, Map.of(), args);
    }

    private static Cli.Result run(Path umqtt, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(umqtt.toString()));
        command.addAll(List.of(args));
        return run(command, null, env);
    }

    private static Cli.Result run(List<String> command) throws Exception {
        return run(command, null, Map.of());
    }

    /** Runs in {@code dir} (null: ours) with the start-up variables as given, none inherited. */
    private static Cli.Result run(List<String> command, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().keySet().removeAll(List.of("JDK_JAVA_OPTIONS", "JAVA_OPTS", "JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        Process p = builder.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> Cli.readAll(p.getErrorStream()));
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + command);
        return new Cli.Result(p.exitValue(), out, new String(err.get(), StandardCharsets.UTF_8));
    }

    private static Path image(String name) {
        Path image = IMAGES.resolve(name);
        assertTrue(Files.isDirectory(image), "missing image " + image + ": build it with mvn -Pimages package");
        return image;
    }

    private static Path launcher(String name) {
        Path umqtt = image(name).resolve("bin/umqtt");
        assertTrue(Files.isExecutable(umqtt), "no launcher " + umqtt);
        return umqtt;
    }

    /** The images built with start-up archives: minimal and full, and their JDK 25 builds when -Pimages25 made them. */
    private static List<String> startUpImages() {
        List<String> names = new ArrayList<>(List.of("minimal", "full"));
        if (Files.isDirectory(IMAGES.resolve("minimal-25"))) {
            names.addAll(List.of("minimal-25", "full-25"));
        } else {
            System.out.println("no JDK 25 images in " + IMAGES + " (mvn -Pimages,images25 builds them): not tested");
        }
        return names;
    }

    /** The archive bin/umqtt names: the training run's CDS archive (JDK 17) or AOT cache (JDK 25). */
    private static Path archive(Path image) {
        return image.resolve(image.getFileName().toString().endsWith("-25") ? "lib/umqtt.aot" : "lib/umqtt.jsa");
    }

    /** With -Xlog:class+load, each class names where it came from: the archive says "shared objects file". */
    private static void assertFromArchive(String image, Cli.Result run, String... classes) {
        List<String> loaded = run.outText().lines().filter(l -> l.contains("[class,load]")).toList();
        for (String c : classes) {
            String line = loaded.stream().filter(l -> l.contains("] " + c + " source: ")).findFirst()
                    .orElseThrow(() -> new AssertionError(image + ": " + c + " not loaded\n" + run));
            assertTrue(line.endsWith("source: shared objects file"), image + ": " + line);
        }
        long fromArchive = loaded.stream().filter(l -> l.contains("] umqtt.") && l.endsWith("shared objects file")).count();
        long fromModules = loaded.stream().filter(l -> l.contains("] umqtt.") && l.contains("source: jrt:/")).count();
        System.out.printf("%s: %d umqtt classes from the archive, %d from lib/modules%n", image, fromArchive, fromModules);
    }

    private static long archiveKilobytes(Path image) throws IOException {
        long bytes = 0;
        for (Path p : List.of(image.resolve("lib/server/classes.jsa"), archive(image))) {
            bytes += Files.size(p);
        }
        return bytes / 1024;
    }

    private static Path copy(Path image, Path to) throws IOException, InterruptedException {
        Files.createDirectories(to.getParent());
        Process p = new ProcessBuilder("cp", "-R", image.toString(), to.toString()).inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "cp -R " + image + " " + to);
        return to;
    }

    private static long kilobytes(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("du", "-sk", dir.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static List<String> modules(Path image) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(image.resolve("bin/java").toString(), "--list-modules").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out.lines().map(l -> l.replaceFirst("@.*", "")).sorted().toList();
    }
}

package umqtt.tests.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * aedes (Node.js, moscajs/aedes), a broker of another lineage than Mosquitto (C) and HiveMQ
 * (Java), run as a child process ({@code node broker.mjs CONFIG}) with every {@link Listener} on
 * its own free loopback port: TCP, TLS (good, wrong-host and expired certificates, mutual), TLS-PSK
 * (node's TLS 1.2 PSK), WebSocket and WebSocket over TLS (the {@code ws} package, path {@code /mqtt}),
 * and AUTH. Installed into {@code target/aedes/} on first use ({@link AedesInstall}); started once
 * per test JVM ({@link #shared()}), or owned by a test that stops and starts it ({@link #startPrivate()}).
 *
 * <p>Where {@code node} or {@code npm} is missing (or {@code UMQTT_HIDE_BROKERS} names aedes), or npm
 * cannot install it, the calling test is skipped, or fails under {@code UMQTT_REQUIRE_BROKERS=1}.
 */
public final class Aedes implements RestartableBroker {

    /** The broker's name in reports and in {@code UMQTT_HIDE_BROKERS}. */
    public static final String NAME = "aedes";

    /** The command that installs what aedes needs on Debian and Ubuntu (Node.js 20 or newer, npm). */
    public static final String INSTALL = "apt-get install nodejs npm";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static Aedes shared;
    private static RuntimeException failure;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "aedes-shutdown"));
    }

    private final Path node;
    private final Path installed;
    private final Path folder;
    private final Map<Listener, Integer> ports;
    private Process process;

    private Aedes(Path node, Path installed, Path folder, Map<Listener, Integer> ports) {
        this.node = node;
        this.installed = installed;
        this.folder = folder;
        this.ports = ports;
    }

    /**
     * Returns the aedes of this test JVM, installing and starting it on first use; it is stopped
     * when the JVM exits (its standard input closes, and a shutdown hook destroys it). Do not stop
     * it: use {@link #startPrivate()} for that.
     *
     * @return the running shared broker
     * @throws IllegalStateException when it does not start (also on every later call, at once)
     */
    public static synchronized Aedes shared() {
        if (failure != null) {
            throw new IllegalStateException("aedes failed to start earlier in this test JVM", failure);
        }
        if (shared == null) {
            try {
                shared = startPrivate();
            } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted() && !(e instanceof MissingBrokerAbort)
                        && !(e instanceof MissingBrokerFailure)) {
                    failure = e;
                }
                throw e;
            }
        }
        return shared;
    }

    /**
     * Starts a new aedes owned by the calling test, on new ports. Stop it when done (it is also
     * killed when the JVM exits).
     *
     * @return the running broker
     */
    public static Aedes startPrivate() {
        if (HiddenBrokers.hides(NAME)) {
            throw BrokerRequirement.missing(NAME, "aedes is hidden", INSTALL);
        }
        Path node = AedesInstall.node().orElseThrow(() -> BrokerRequirement.missing(NAME,
                "node is not installed (aedes runs on Node.js 20 or newer)", INSTALL));
        Path npm = AedesInstall.npm().orElseThrow(() -> BrokerRequirement.missing(NAME,
                "npm is not installed (it installs aedes into target/aedes)", INSTALL));
        Path installed;
        try {
            installed = AedesInstall.into(npm);
        } catch (IllegalStateException e) {
            throw BrokerRequirement.missing(NAME, "npm could not install aedes: " + e.getMessage(), INSTALL);
        }
        for (int attempt = 1; ; attempt++) {
            int[] free = FreePorts.loopback(Listener.values().length);
            Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
            for (Listener listener : Listener.values()) {
                ports.put(listener, free[listener.ordinal()]);
            }
            Aedes broker = new Aedes(node, installed, TestFolders.create("aedes-"), ports);
            try {
                broker.writeConfig();
                broker.start();
                return broker;
            } catch (IllegalStateException e) {
                // Another process may take a port between our probe and node's bind: try new ones.
                if (attempt == START_ATTEMPTS || !e.getMessage().contains("EADDRINUSE")) {
                    throw e;
                }
            }
        }
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Path log = log();
        try {
            process = new ProcessBuilder(node.toString(), installed.resolve("broker.mjs").toString(),
                    folder.resolve("config.json").toString())
                    .directory(installed.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start(); // its stdin stays open: node exits when this JVM does
            LIVE.add(process);
            Process started = process;
            String failed = PortWaiter.awaitAccepting(ports.values(), START_TIMEOUT, started::isAlive);
            if (failed != null) {
                destroy(started);
                process = null;
                throw new IllegalStateException("aedes did not start: " + failed + "\n--- tail of " + log + " ---\n"
                        + LogTail.of(log, 30));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + node + " in " + installed, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while aedes was starting", e);
        }
    }

    /** Stops the broker (SIGTERM), waiting up to 5 s before killing it. */
    @Override
    public synchronized void stop() {
        if (process != null) {
            destroy(process);
            process = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    private static void destroy(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }

    private void writeConfig() {
        Path config = folder.resolve("config.json");
        try {
            Files.writeString(config, config(ports, TestPki.get()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    /** @return the broker's log (its standard output and error, appended to across restarts) */
    public Path log() {
        return folder.resolve("aedes.log");
    }

    /** The JSON that broker.mjs reads: ports, PEM files, the PSK and AUTH's user and password. */
    private static String config(Map<Listener, Integer> ports, TestPki pki) {
        StringJoiner portList = new StringJoiner(", ", "{", "}");
        ports.forEach((listener, port) -> portList.add(json(listener.name()) + ": " + port));
        return "{\n"
                + "  \"ports\": " + portList + ",\n"
                + "  \"files\": {" + String.join(", ",
                        file("ca", pki.caCert()),
                        file("serverCert", pki.serverCert()), file("serverKey", pki.serverKey()),
                        file("wrongHostCert", pki.wrongHostCert()), file("wrongHostKey", pki.wrongHostKey()),
                        file("expiredCert", pki.expiredCert()), file("expiredKey", pki.expiredKey())) + "},\n"
                + "  \"psk\": {\"identity\": " + json(pki.pskIdentity()) + ", \"key\": "
                        + json(HexFormat.of().formatHex(pki.pskKey())) + "},\n"
                + "  \"user\": " + json(USER) + ",\n"
                + "  \"password\": " + json(PASSWORD) + "\n"
                + "}\n";
    }

    private static String file(String name, Path path) {
        return json(name) + ": " + json(path.toString());
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean has(Listener listener) {
        return ports.containsKey(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public URI uri(Listener listener) {
        assumeListener(listener);
        return Broker.loopbackUri(listener, ports.get(listener));
    }

    /** @return the folder holding the configuration and the broker's log */
    public Path folder() {
        return folder;
    }

    @Override
    public String toString() {
        return name();
    }
}

package umqtt.tests.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Mosquitto 2.0.x run as a child process ({@code mosquitto -c FILE}) with every {@link Listener}
 * on its own free loopback port, its configuration, password file and log in a folder under
 * {@code target/}. Use {@link #shared()} for ordinary tests; {@link #startPrivate()} for a test
 * that stops, kills or restarts the broker.
 *
 * <p>When Mosquitto is not installed (or hidden by {@code UMQTT_HIDE_BROKERS=mosquitto}), the
 * calling test is skipped, or fails under {@code UMQTT_REQUIRE_BROKERS=1} (see {@link BrokerRequirement}).
 */
public final class Mosquitto implements RestartableBroker {

    /** The broker's name in reports and in {@code UMQTT_HIDE_BROKERS}. */
    public static final String NAME = "mosquitto";

    /** The command that installs the broker and its clients on Debian and Ubuntu. */
    public static final String INSTALL = "apt-get install mosquitto mosquitto-clients";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 30;
    private static final int START_ATTEMPTS = 3;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static Mosquitto shared;
    private static RuntimeException failure;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "mosquitto-shutdown"));
    }

    private final Path executable;
    private final Path folder;
    private final Map<Listener, Integer> ports;
    private Process process;

    private Mosquitto(Path executable, Path folder, Map<Listener, Integer> ports) {
        this.executable = executable;
        this.folder = folder;
        this.ports = ports;
    }

    /**
     * Returns the Mosquitto of this test JVM, starting it on first use; it is stopped when the JVM exits.
     * Do not stop it: use {@link #startPrivate()} for that.
     *
     * @return the running shared broker
     * @throws IllegalStateException when it does not start (also on every later call, at once)
     */
    public static synchronized Mosquitto shared() {
        if (failure != null) {
            throw new IllegalStateException("mosquitto failed to start earlier in this test JVM", failure);
        }
        if (shared == null) {
            Path mosquitto = installed();
            try {
                shared = start(mosquitto);
            } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted()) { // a test timing out may try again later
                    failure = e;
                }
                throw e;
            }
        }
        return shared;
    }

    /**
     * Starts a new Mosquitto owned by the calling test, on new ports. Stop it when done
     * (it is also killed when the JVM exits).
     *
     * @return the running broker
     */
    public static Mosquitto startPrivate() {
        return start(installed());
    }

    private static Path installed() {
        return executable().orElseThrow(() -> BrokerRequirement.missing(NAME,
                "mosquitto is not installed (not on PATH, not in /usr/sbin)", INSTALL));
    }

    /**
     * Finds a program that comes with Mosquitto ({@code mosquitto_pub}, {@code mosquitto_sub},
     * {@code mosquitto_passwd}) on the PATH, in {@code /usr/bin} or {@code /usr/sbin}; when it is
     * missing (or hidden by {@code UMQTT_HIDE_BROKERS=mosquitto}) the calling test is skipped, or
     * fails under {@code UMQTT_REQUIRE_BROKERS=1}.
     *
     * @param name the program's name
     * @return its path
     */
    public static Path program(String name) {
        return Executables.find(name, Path.of("/usr/bin"), Path.of("/usr/sbin")).orElseThrow(
                () -> BrokerRequirement.missing(NAME, name + " is not installed", INSTALL));
    }

    private static Mosquitto start(Path mosquitto) {
        for (int attempt = 1; ; attempt++) {
            int[] free = FreePorts.loopback(Listener.values().length);
            Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
            for (Listener listener : Listener.values()) {
                ports.put(listener, free[listener.ordinal()]);
            }
            Mosquitto broker = new Mosquitto(mosquitto, TestFolders.create("mosquitto-"), ports);
            broker.writeFiles();
            try {
                broker.start();
                return broker;
            } catch (IllegalStateException e) {
                // Another process may take a port between our probe and mosquitto's bind: try new ones.
                if (attempt == START_ATTEMPTS || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    /** @return the mosquitto executable, from PATH or {@code /usr/sbin}, if installed */
    public static Optional<Path> executable() {
        return Executables.find("mosquitto", Path.of("/usr/sbin"));
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

    /**
     * @param listener a kind of listener
     * @return its port on 127.0.0.1
     */
    public int port(Listener listener) {
        assumeListener(listener);
        return ports.get(listener);
    }

    /** @return the broker's log file (appended to across restarts) */
    public Path log() {
        return folder.resolve("mosquitto.log");
    }

    /** @return the folder holding the configuration, password file and log */
    public Path folder() {
        return folder;
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the broker again on the same ports after {@link #stop()} or {@link #kill()}; does
     * nothing when it is running. Returns once every port accepts connections.
     *
     * @throws IllegalStateException when it does not come up within 10 s (with the log's tail)
     */
    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-c", config().toString())
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("mosquitto.out").toFile()));
            process = builder.start();
            LIVE.add(process);
            Process started = process;
            String failure = PortWaiter.awaitAccepting(ports.values(), START_TIMEOUT, started::isAlive);
            if (failure != null) {
                destroy(started);
                throw new IllegalStateException("mosquitto did not start: " + failure + "\n" + diagnostics());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while mosquitto was starting", e);
        }
    }

    /** Stops the broker gracefully (SIGTERM), waiting up to 5 s before killing it. */
    @Override
    public synchronized void stop() {
        if (process != null) {
            destroy(process);
            process = null;
        }
    }

    /** Kills the broker abruptly (SIGKILL): clients see the connection drop with no goodbye. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(process);
            LIVE.remove(process);
            process = null;
        }
    }

    /** {@link #stop()} then {@link #start()}: same ports, fresh (non-persistent) state. */
    @Override
    public synchronized void restart() {
        stop();
        start();
    }

    @Override
    public String toString() {
        return name();
    }

    private static void destroy(Process process) {
        process.destroy();
        if (!awaitExit(process)) {
            process.destroyForcibly();
            awaitExit(process);
        }
        LIVE.remove(process);
    }

    private static boolean awaitExit(Process process) {
        try {
            return process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Path config() {
        return folder.resolve("mosquitto.conf");
    }

    private void writeFiles() {
        TestPki pki = TestPki.get();
        Path passwd = folder.resolve("passwd");
        MosquittoPasswd.create(passwd, USER, PASSWORD);
        List<String> lines = new ArrayList<>(List.of(
                "per_listener_settings true",
                "persistence false",
                // Floods of tests (a shared client's 8 threads, sends through cuts) outrun a subscriber for
                // moments; the default queue of 1000 would drop messages whose arrival the tests assert.
                "max_queued_messages 1000000",
                "log_dest file " + log(),
                "user root"));
        for (Listener listener : Listener.values()) {
            lines.add("");
            lines.add("# " + listener);
            lines.add("listener " + ports.get(listener) + " 127.0.0.1");
            switch (listener) {
                case TCP -> lines.add("allow_anonymous true");
                case TLS -> tls(lines, pki.serverCert(), pki.serverKey());
                case TLS_WRONG_HOST -> tls(lines, pki.wrongHostCert(), pki.wrongHostKey());
                case TLS_EXPIRED -> tls(lines, pki.expiredCert(), pki.expiredKey());
                case MUTUAL_TLS -> {
                    tls(lines, pki.serverCert(), pki.serverKey());
                    lines.add("require_certificate true");
                }
                case PSK -> {
                    lines.add("allow_anonymous true");
                    lines.add("psk_hint umqtt-test");
                    lines.add("psk_file " + pki.pskFile());
                }
                case WS -> {
                    lines.add("protocol websockets");
                    lines.add("allow_anonymous true");
                }
                case WSS -> {
                    lines.add("protocol websockets");
                    tls(lines, pki.serverCert(), pki.serverKey());
                }
                case AUTH -> {
                    lines.add("allow_anonymous false");
                    lines.add("password_file " + passwd);
                }
            }
        }
        try {
            Files.write(config(), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config(), e);
        }
    }

    private static void tls(List<String> lines, Path cert, Path key) {
        lines.add("allow_anonymous true");
        lines.add("cafile " + TestPki.get().caCert());
        lines.add("certfile " + cert);
        lines.add("keyfile " + key);
    }

    private String diagnostics() {
        return "--- tail of " + log() + " ---\n" + LogTail.of(log(), LOG_TAIL_LINES)
                + "--- tail of mosquitto's stdout/stderr ---\n" + LogTail.of(folder.resolve("mosquitto.out"), LOG_TAIL_LINES)
                + "--- config " + config() + " ---";
    }
}

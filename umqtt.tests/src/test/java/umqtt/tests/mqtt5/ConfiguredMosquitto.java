package umqtt.tests.mqtt5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.BrokerRequirement;
import umqtt.tests.brokers.FreePorts;
import umqtt.tests.brokers.Mosquitto;
import umqtt.tests.brokers.MosquittoPasswd;
import umqtt.tests.brokers.PortWaiter;
import umqtt.tests.brokers.TestFolders;

/**
 * A Mosquitto of the test's own with one plain TCP listener on 127.0.0.1 and the settings the test
 * gives (limits such as {@code max_inflight_messages 3}, an ACL), for what the shared broker must
 * not change; started per test class (~0.1 s) and stopped by {@link #close()}. A missing Mosquitto
 * skips the test, or fails it under {@code UMQTT_REQUIRE_BROKERS=1}.
 */
public final class ConfiguredMosquitto implements AutoCloseable {

    /** The user of {@link #withPasswordAndAcl}: test-only, not a secret. */
    static final String USER = Broker.USER;
    /** The password of {@link #USER}: test-only, not a secret. */
    static final String PASSWORD = Broker.PASSWORD;

    /** Killed when the JVM exits, in case a test never got to close its broker. */
    private static final Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "mosquitto5-shutdown"));
    }

    private final Path folder;
    private final int port;
    private final Process process;

    private ConfiguredMosquitto(Path folder, int port, Process process) {
        this.folder = folder;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts Mosquitto with anonymous access and these settings.
     *
     * @param settings mosquitto.conf lines, e.g. {@code "max_qos 1"}
     * @return the running broker
     */
    public static ConfiguredMosquitto start(String... settings) {
        Path folder = TestFolders.create("mosquitto5-");
        List<String> lines = new ArrayList<>(List.of("allow_anonymous true"));
        lines.addAll(List.of(settings));
        return start(folder, lines);
    }

    /**
     * Starts Mosquitto where only {@link #USER}/{@link #PASSWORD} may connect, allowed to read and
     * write these topic patterns and nothing else.
     *
     * @param allowed ACL patterns for {@link #USER}, e.g. {@code "ok/#"}
     * @return the running broker
     */
    static ConfiguredMosquitto withPasswordAndAcl(String... allowed) {
        Path folder = TestFolders.create("mosquitto5-");
        Path passwd = folder.resolve("passwd");
        Path acl = folder.resolve("acl");
        MosquittoPasswd.create(passwd, USER, PASSWORD);
        List<String> rules = new ArrayList<>(List.of("user " + USER));
        for (String pattern : allowed) {
            rules.add("topic readwrite " + pattern);
        }
        write(acl, rules);
        return start(folder, List.of("allow_anonymous false", "password_file " + passwd, "acl_file " + acl));
    }

    private static ConfiguredMosquitto start(Path folder, List<String> settings) {
        Path executable = Mosquitto.executable().orElseThrow(() -> BrokerRequirement.missing(Mosquitto.NAME,
                "mosquitto is not installed (not on PATH, not in /usr/sbin)", Mosquitto.INSTALL));
        int port = FreePorts.loopback();
        List<String> lines = new ArrayList<>(List.of("per_listener_settings false", "persistence false",
                "log_dest file " + folder.resolve("mosquitto.log"), "log_type all", "user root",
                "listener " + port + " 127.0.0.1"));
        lines.addAll(settings);
        Path config = folder.resolve("mosquitto.conf");
        write(config, lines);
        try {
            Process process = new ProcessBuilder(executable.toString(), "-c", config.toString()).directory(folder.toFile())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("mosquitto.out").toFile()).start();
            LIVE.add(process);
            String failure = PortWaiter.awaitAccepting(Set.of(port), java.time.Duration.ofSeconds(10), process::isAlive);
            if (failure != null) {
                process.destroyForcibly();
                throw new IllegalStateException("mosquitto did not start: " + failure + "; it said: "
                        + readQuietly(folder.resolve("mosquitto.log")) + readQuietly(folder.resolve("mosquitto.out")));
            }
            return new ConfiguredMosquitto(folder, port, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while mosquitto was starting", e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** @return {@code mqtt://127.0.0.1:PORT} */
    public URI uri() {
        return URI.create("mqtt://127.0.0.1:" + port);
    }

    /** @return the broker's log (log_type all), for failure messages */
    Path log() {
        return folder.resolve("mosquitto.log");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LIVE.remove(process);
    }

    @Override
    public String toString() {
        return "mosquitto on port " + port + " (" + folder + ")";
    }
}

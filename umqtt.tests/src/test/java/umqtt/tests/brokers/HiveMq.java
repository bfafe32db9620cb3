package umqtt.tests.brokers;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.EnhancedAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * HiveMQ Community Edition embedded in the test JVM, started once per JVM ({@link #shared()}),
 * with in-memory persistence and every {@link Listener} but PSK (which HiveMQ CE lacks) on free
 * loopback ports. An embedded extension requires {@link #USER}/{@link #PASSWORD} on AUTH only,
 * runs the MQTT 5 enhanced authentication methods tests register ({@link #enhancedAuthentication}),
 * and refuses clients named {@code denied-...} the topics under {@code denied/} ({@link DeniedTopics}).
 */
public final class HiveMq implements Broker {

    /** Every listener but PSK, which HiveMQ CE does not offer. */
    static final Set<Listener> LISTENERS = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(Listener.PSK)));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static HiveMq shared;

    private final Map<Listener, Integer> ports;
    private final Path folder;
    private final CompletableFuture<Void> started;
    private final long startDeadlineNanos;

    private HiveMq(Map<Listener, Integer> ports, Path folder, CompletableFuture<Void> started) {
        this.ports = ports;
        this.folder = folder;
        this.started = started;
        this.startDeadlineNanos = System.nanoTime() + START_TIMEOUT.toNanos();
    }

    /**
     * Returns the HiveMQ of this test JVM, starting it on first use (2.5 s on an idle machine, up
     * to 20 s on a loaded one) and waiting until it has started. It runs until the JVM exits: a
     * graceful stop takes 4 s and would only throw away in-memory state, so it is not stopped.
     *
     * <p>A caller interrupted while waiting (a test timing out) leaves the start running for the
     * next caller; a start that failed or took over 60 s fails every later call at once.
     *
     * @return the running shared broker
     * @throws IllegalStateException when it did not start, or the wait was interrupted
     */
    public static HiveMq shared() {
        HiveMq broker;
        synchronized (HiveMq.class) {
            if (shared == null) {
                shared = start();
            }
            broker = shared;
        }
        broker.awaitStarted();
        return broker;
    }

    private static HiveMq start() {
        int[] free = FreePorts.loopback(LISTENERS.size());
        Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
        for (Listener listener : LISTENERS) {
            ports.put(listener, free[ports.size()]);
        }
        Path folder = TestFolders.create("hivemq-");
        try {
            Path config = Files.createDirectories(folder.resolve("conf"));
            Path data = Files.createDirectories(folder.resolve("data"));
            Path extensions = Files.createDirectories(folder.resolve("extensions"));
            Files.writeString(config.resolve("config.xml"), HiveMqConfig.xml(ports, TestPki.get()),
                    StandardCharsets.UTF_8);
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withEmbeddedExtension(authExtension())
                    .withoutLoggingBootstrap()
                    .build();
            return new HiveMq(ports, folder, hivemq.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write HiveMQ's folders under " + folder, e);
        }
    }

    private void awaitStarted() {
        long left = Math.max(0, startDeadlineNanos - System.nanoTime());
        try {
            started.get(left, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("HiveMQ did not start; its files are in " + folder, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("HiveMQ did not start within " + START_TIMEOUT.toSeconds()
                    + " s; its files are in " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for HiveMQ to start", e);
        }
    }

    /**
     * Makes the shared broker run MQTT 5 enhanced authentication for {@code method} on every
     * listener: each connection whose CONNECT names the method gets its own authenticator from
     * {@code factory}, which sees the CONNECT and every AUTH packet (re-authentication too).
     *
     * @param method the Authentication Method, e.g. {@code "SCRAM-SHA-256"}
     * @param factory makes the authenticator of one connection
     */
    public static void enhancedAuthentication(String method, Supplier<? extends EnhancedAuthenticator> factory) {
        ListenerAuthenticator.register(method, factory);
    }

    private static EmbeddedExtension authExtension() {
        return EmbeddedExtension.builder()
                .withId("umqtt-test-auth")
                .withName("umqtt test authentication")
                .withVersion("1")
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                        Services.securityRegistry().setEnhancedAuthenticatorProvider(providerInput ->
                                new ListenerAuthenticator(HiveMqConfig.AUTH_LISTENER_NAME, USER, PASSWORD));
                        Services.securityRegistry().setAuthorizerProvider(DeniedTopics::forClient);
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
                        // nothing to release
                    }
                })
                .build();
    }

    @Override
    public String name() {
        return "hivemq";
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

    @Override
    public String toString() {
        return name();
    }
}

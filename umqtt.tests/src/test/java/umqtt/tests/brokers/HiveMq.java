package umqtt.tests.brokers;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ Community Edition embedded in the test JVM, started once per JVM ({@link #shared()}),
 * with in-memory persistence and the listeners TCP, TLS, MUTUAL_TLS, WS, WSS and AUTH on free
 * loopback ports. An embedded extension requires {@link #USER}/{@link #PASSWORD} on AUTH only.
 */
public final class HiveMq implements Broker {

    private static final List<Listener> LISTENERS = List.of(
            Listener.TCP, Listener.TLS, Listener.MUTUAL_TLS, Listener.WS, Listener.WSS, Listener.AUTH);
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static HiveMq shared;

    private final Map<Listener, Integer> ports;
    private final EmbeddedHiveMQ hivemq;

    private HiveMq(Map<Listener, Integer> ports, EmbeddedHiveMQ hivemq) {
        this.ports = ports;
        this.hivemq = hivemq;
    }

    /**
     * Returns the HiveMQ of this test JVM, starting it on first use (about 2.5 s); it is stopped
     * when the JVM exits.
     *
     * @return the running shared broker
     */
    public static synchronized HiveMq shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "hivemq-shutdown"));
        }
        return shared;
    }

    private static HiveMq start() {
        int[] free = FreePorts.loopback(LISTENERS.size());
        Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
        for (int i = 0; i < LISTENERS.size(); i++) {
            ports.put(LISTENERS.get(i), free[i]);
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
            hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new HiveMq(ports, hivemq);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write HiveMQ's folders under " + folder, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("HiveMQ did not start within " + START_TIMEOUT_SECONDS
                    + " s; its files are in " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while HiveMQ was starting", e);
        }
    }

    private static EmbeddedExtension authExtension() {
        ListenerAuthenticator authenticator =
                new ListenerAuthenticator(HiveMqConfig.AUTH_LISTENER_NAME, USER, PASSWORD);
        return EmbeddedExtension.builder()
                .withId("umqtt-test-auth")
                .withName("umqtt test authentication")
                .withVersion("1")
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
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
        int port = ports.get(listener);
        return switch (listener) {
            case TCP, AUTH -> URI.create("mqtt://127.0.0.1:" + port);
            case WS -> URI.create("ws://127.0.0.1:" + port + "/mqtt");
            case WSS -> URI.create("wss://127.0.0.1:" + port + "/mqtt");
            default -> URI.create("mqtts://127.0.0.1:" + port);
        };
    }

    /**
     * @param listener a kind of listener
     * @return its port on 127.0.0.1
     */
    public int port(Listener listener) {
        assumeListener(listener);
        return ports.get(listener);
    }

    private void stop() {
        try {
            hivemq.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the JVM is exiting: nothing more to do than to not hang it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name();
    }
}

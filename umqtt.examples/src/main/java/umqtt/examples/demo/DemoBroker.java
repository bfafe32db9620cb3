package umqtt.examples.demo;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ Community Edition embedded in the demo's JVM: in-memory persistence, and four listeners
 * on free loopback ports: TCP, TLS (with {@link DemoCertificates}), WebSocket ({@code /mqtt}) and
 * WebSocket over TLS. Anonymous clients are let in; a client with a user name needs the demo
 * user's password ({@link DemoAuthenticator}).
 */
final class DemoBroker {

    private final EmbeddedHiveMQ hivemq;
    private final int tcp;
    private final int tls;
    private final int ws;
    private final int wss;
    private final Path caPem;

    private DemoBroker(EmbeddedHiveMQ hivemq, int tcp, int tls, int ws, int wss, Path caPem) {
        this.hivemq = hivemq;
        this.tcp = tcp;
        this.tls = tls;
        this.ws = ws;
        this.wss = wss;
        this.caPem = caPem;
    }

    /** Starts the broker with its files in {@code folder}; waits until it listens (60 s at most). */
    static DemoBroker start(Path folder) throws IOException {
        DemoCertificates certificates = DemoCertificates.create(folder);
        int tcp = freePort();
        int tls = freePort();
        int ws = freePort();
        int wss = freePort();
        Path config = Files.createDirectories(folder.resolve("conf"));
        Path data = Files.createDirectories(folder.resolve("data"));
        Path extensions = Files.createDirectories(folder.resolve("extensions"));
        Files.writeString(config.resolve("config.xml"), config(tcp, tls, ws, wss, certificates), StandardCharsets.UTF_8);
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withEmbeddedExtension(credentialsExtension())
                .withoutLoggingBootstrap()
                .build();
        try {
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the embedded HiveMQ did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while HiveMQ started", e);
        }
        return new DemoBroker(hivemq, tcp, tls, ws, wss, certificates.caPem());
    }

    String tcpUri() {
        return "mqtt://127.0.0.1:" + tcp;
    }

    String tlsUri() {
        return "mqtts://localhost:" + tls;
    }

    String wsUri() {
        return "ws://127.0.0.1:" + ws + "/mqtt";
    }

    String wssUri() {
        return "wss://localhost:" + wss + "/mqtt";
    }

    int tcpPort() {
        return tcp;
    }

    Path caPem() {
        return caPem;
    }

    /** Stops the broker (HiveMQ takes a few seconds to stop gracefully). */
    void stop() {
        try {
            hivemq.stop().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the JVM ends right after; nothing of an in-memory broker outlives it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String config(int tcp, int tls, int ws, int wss, DemoCertificates certificates) {
        String password = DemoCertificates.KEYSTORE_PASSWORD;
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                            </tls>
                        </tls-tcp-listener>
                        <websocket-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                            <path>/mqtt</path>
                            <subprotocols>
                                <subprotocol>mqttv3.1</subprotocol>
                                <subprotocol>mqtt</subprotocol>
                            </subprotocols>
                        </websocket-listener>
                        <tls-websocket-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                            <path>/mqtt</path>
                            <subprotocols>
                                <subprotocol>mqttv3.1</subprotocol>
                                <subprotocol>mqtt</subprotocol>
                            </subprotocols>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                            </tls>
                        </tls-websocket-listener>
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(tcp, tls, certificates.serverKeystore(), password, password, ws, wss,
                        certificates.serverKeystore(), password, password);
    }

    /** Registers {@link DemoAuthenticator}: anonymous, or the demo user with the right password. */
    private static EmbeddedExtension credentialsExtension() {
        DemoAuthenticator authenticator = new DemoAuthenticator();
        return EmbeddedExtension.builder()
                .withId("umqtt-demo-credentials")
                .withName("umqtt demo credentials")
                .withVersion("1")
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
                        // nothing to release
                    }
                })
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

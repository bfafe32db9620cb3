package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.core.Scripted.async;
import static umqtt.tests.core.Scripted.result;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.ScriptedServer;

/** Closing, disconnecting and what the client says about itself. */
class ClientLifecycleTest {

    @Test
    void disconnectAfterCloseIsQuiet() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            Scripted.connect(server, client);
            client.close();
            client.disconnect(); // used to throw SocketException: Socket closed
            client.disconnect();
            assertThrows(IllegalStateException.class, client::connect);
        }
    }

    @Test
    void theServerUrisUserInfoAndQueryNeverAppearInToStringOrErrors() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start()) {
            String uri = "mqtt://alice:pa55word@127.0.0.1:" + server.port() + "/?X-Amz-Signature=T0KEN";
            SimpleClient client = SimpleClient.builder().server(uri).clientId("secret-test").build();
            assertSecretFree(client.toString());
            CompletableFuture<Boolean> connect = async(() -> client.connect(true, Duration.ofMillis(300)));
            server.accept(Scripted.WAIT).read(Scripted.WAIT); // CONNECT, never answered
            IOException e = assertThrows(SocketTimeoutException.class, () -> result(connect));
            assertTrue(e.getMessage().contains("no CONNACK from mqtt://127.0.0.1:" + server.port()), e.getMessage());
            assertSecretFree(e.getMessage());
            assertSecretFree(client.toString());
        }
    }

    private static void assertSecretFree(String text) {
        assertFalse(text.contains("pa55word") || text.contains("T0KEN") || text.contains("alice"), text);
    }
}

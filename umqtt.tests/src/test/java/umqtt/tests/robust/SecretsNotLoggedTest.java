package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;

/**
 * A server URI that carries secrets (user info, a signed token in the query, as AWS IoT's
 * presigned WebSocket URLs do) never shows in RobustClient's log lines or toString, through
 * link cuts, a dead link whose timeouts name the server, and reconnects.
 */
class SecretsNotLoggedTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String USER = "alice-user";
    private static final String PASSWORD = "pa55w0rd-xyz";
    private static final String TOKEN = "SECRET-SIGNATURE-4f2a";

    /** Mosquitto: embedded HiveMQ does not answer a WebSocket upgrade whose request target has a query. */
    @Test
    void noSecretOfTheServerUriIsLoggedThroughFailuresAndReconnects() throws Exception {
        Broker broker = Brokers.mosquitto();
        String topic = "robust/secrets/" + System.nanoTime();
        RecordingLogger log = new RecordingLogger();
        List<String> seen = new ArrayList<>();
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.WS))) {
            String server = "ws://" + USER + ":" + PASSWORD + "@127.0.0.1:" + proxy.port()
                    + "/mqtt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=" + TOKEN;
            try (RobustClient c = RobustClient.builder().initialDelay(Duration.ofMillis(5))
                    .maxDelay(Duration.ofMillis(20)).logger(log)
                    .wrap(SimpleClient.builder().clientId("robust-secrets-" + System.nanoTime()).server(server)
                            .connectTimeout(Duration.ofMillis(500)).responseTimeout(Duration.ofMillis(500)).build())) {
                c.connect(false);
                seen.add(c.toString());
                c.publish(topic, "one".getBytes(StandardCharsets.UTF_8), false, 1);
                proxy.cutAll();
                c.publish(topic, "two".getBytes(StandardCharsets.UTF_8), false, 1);
                proxy.blackhole(true);
                CompletableFuture<Void> publish = CompletableFuture.runAsync(() -> {
                    try {
                        c.publish(topic, "three".getBytes(StandardCharsets.UTF_8), false, 1);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                // Timeouts name the server they waited for: the lines that log them are the test.
                assertTrue(log.await("SocketTimeoutException", 2, WAIT.toSeconds(), TimeUnit.SECONDS), log.all());
                seen.add(c.toString());
                proxy.blackhole(false);
                proxy.cutAll();
                publish.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                seen.add(c.toString());
            }
        }
        String everything = log.all() + String.join("\n", seen);
        assertTrue(log.count("reconnected") >= 1, "no reconnect was logged:\n" + everything);
        for (String secret : List.of(USER, PASSWORD, TOKEN, "X-Amz-Algorithm")) {
            assertFalse(everything.contains(secret), "'" + secret + "' leaked:\n" + everything);
        }
        assertEquals(3, seen.size());
    }

    @Test
    void everyUriInAFailureIsScrubbedBeforeItIsLogged() throws Exception {
        RecordingLogger log = new RecordingLogger();
        FakeClient a = new FakeClient("a");
        try (RobustClient c = RobustClient.builder().backoff(attempt -> Duration.ZERO).maxAttempts(2).logger(log)
                .wrap(a)) {
            c.connect(false);
            a.failOperations(new java.net.SocketTimeoutException("no PUBACK from mqtts://" + USER + ":" + PASSWORD
                    + "@broker.example:8883 (via 'wss://proxy.example/mqtt?token=" + TOKEN + "#" + TOKEN
                    + "'), then tcp://10.0.0.1:1883/x"), new java.net.SocketException("reset by ws://"
                    + USER + "@h/p?q=" + TOKEN));
            assertThrows(java.net.SocketException.class, c::ping);
        }
        String all = log.all();
        for (String secret : List.of(USER, PASSWORD, TOKEN)) {
            assertFalse(all.contains(secret), "'" + secret + "' leaked:\n" + all);
        }
        assertTrue(all.contains("no PUBACK from mqtts://***@broker.example:8883 (via 'wss://proxy.example/mqtt?***#***'), "
                + "then tcp://10.0.0.1:1883/x"), all);
        assertTrue(all.contains("gave up on server 1 of 1 after 2 failed attempt(s), the maximum: "
                + "java.net.SocketException: reset by ws://***@h/p?***"), all);
    }
}

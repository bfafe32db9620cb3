package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.ScriptedServer;

/**
 * A server that answers with garbage (no real broker does on request, hence the scripted server):
 * the robust client reconnects, but not forever.
 */
class ProtocolErrorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** A CONNACK with a remaining length of 3 instead of 2. */
    private static final String BAD_CONNACK = "20 03 00 00 00";
    private static final String CONNACK_ACCEPTED = "20 02 00 00";

    private static CompletableFuture<Boolean> connectInBackground(RobustClient c) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return c.connect(false);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static RobustClient robust(ScriptedServer server) {
        return RobustClient.builder().initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(20))
                .logger(new RecordingLogger())
                .wrap(SimpleClient.builder().clientId("robust-garbage").server(server.uri().toString()).build());
    }

    @Test
    void aServerThatKeepsSendingGarbageIsGivenUpOnAfterThreeProtocolErrors() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(); RobustClient c = robust(server)) {
            CompletableFuture<Boolean> connect = connectInBackground(c);
            for (int i = 0; i < 3; i++) {
                ScriptedServer.Connection conn = server.accept(WAIT);
                assertEquals(1, conn.read(WAIT).type(), "expected CONNECT");
                conn.sendHex(BAD_CONNACK);
                assertTrue(conn.isClosedByPeer(WAIT), "the client kept a link that sent garbage");
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> connect.get(WAIT.toSeconds(),
                    TimeUnit.SECONDS));
            MqttException m = assertInstanceOf(MqttException.class, e.getCause().getCause());
            assertTrue(m.code() == MqttException.MALFORMED_PACKET || m.code() == MqttException.PROTOCOL_ERROR,
                    "code " + m.code());
            assertThrows(AssertionError.class, () -> server.accept(Duration.ofMillis(1)),
                    "a fourth attempt was made after the policy gave up");
        }
    }

    @Test
    void oneGarbledAnswerIsRiddenOut() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(); RobustClient c = robust(server)) {
            CompletableFuture<Boolean> connect = connectInBackground(c);
            ScriptedServer.Connection first = server.accept(WAIT);
            first.read(WAIT);
            first.sendHex(BAD_CONNACK);
            ScriptedServer.Connection second = server.accept(WAIT);
            assertEquals(1, second.read(WAIT).type(), "expected CONNECT");
            second.sendHex(CONNACK_ACCEPTED);
            assertFalse(connect.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }
}

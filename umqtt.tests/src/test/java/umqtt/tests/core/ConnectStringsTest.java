package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.core.Scripted.async;
import static umqtt.tests.core.Scripted.result;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.RawPacket;
import umqtt.tests.brokers.ScriptedServer;

/**
 * Every string that goes into CONNECT or a topic is checked where it is given, so no malformed
 * packet ever reaches the wire (MQTT 3.1.1 §1.5.3): at most 65,535 UTF-8 bytes, no U+0000
 * [MQTT-1.5.3-2], no unpaired surrogate (which has no UTF-8 form and used to become '?').
 */
class ConnectStringsTest {

    private static final String LONG = "é".repeat(35_000); // 70,000 UTF-8 bytes in 35,000 chars

    @Test
    void aClientIdOrUserTooLongForMqttIsRefusedByTheBuilder() {
        assertMessage("clientId is 70000 bytes long", () -> SimpleClient.builder().clientId(LONG));
        assertMessage("user is 70000 bytes long", () -> SimpleClient.builder().user(LONG));
        SimpleClient.Builder b = SimpleClient.builder().server("mqtt://127.0.0.1").user("u").password(new byte[70_000]);
        assertMessage("password is 70000 bytes", b::build);
    }

    @Test
    void theNullCharacterIsRefusedInEveryString() {
        assertMessage("clientId contains U+0000", () -> SimpleClient.builder().clientId("a\u0000b"));
        assertMessage("user contains U+0000", () -> SimpleClient.builder().user("\u0000"));
        SimpleClient c = SimpleClient.builder().server("mqtt://127.0.0.1").build();
        assertMessage("U+0000", () -> c.setLastWill(new byte[] {'w', 0}, new byte[0], false, 0));
    }

    @Test
    void anUnpairedSurrogateIsRefusedInsteadOfBecomingAQuestionMark() {
        assertMessage("clientId has an unpaired surrogate (U+D800) at index 1",
                () -> SimpleClient.builder().clientId("a\uD800b"));
        assertMessage("user has an unpaired surrogate (U+DC00) at index 0",
                () -> SimpleClient.builder().user("\uDC00"));
        SimpleClient c = SimpleClient.builder().server("mqtt://127.0.0.1").build();
        assertMessage("publish topic has an unpaired surrogate", () -> c.publish("t/\uD83D", new byte[0]));
        SimpleClient.builder().clientId("emoji-\uD83D\uDE00"); // a pair is fine
    }

    @ParameterizedTest(name = "keepAlive {0} is sent as {1} s")
    @CsvSource({"PT1.5S, 2", "PT60.5S, 61", "PT0.2S, 1", "PT60S, 60", "PT0S, 0", "PT18H12M15S, 65535"})
    void theKeepAliveIsRoundedUpToWholeSeconds(Duration keepAlive, int seconds) throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).keepAlive(keepAlive).build()) {
            CompletableFuture<Boolean> connected = async(client::connect);
            ScriptedServer.Connection conn = server.accept(Scripted.WAIT);
            RawPacket connect = conn.read(Scripted.WAIT);
            byte[] b = connect.body(); // 00 04 'M' 'Q' 'T' 'T' 04 flags KA-MSB KA-LSB ...
            assertEquals(seconds, (b[8] & 0xFF) << 8 | b[9] & 0xFF);
            conn.sendHex("20 02 00 00");
            result(connected);
        }
    }

    @Test
    void aKeepAliveOverTheMaximumIsRefused() {
        assertMessage("keepAlive must be 0 to 65535 seconds",
                () -> SimpleClient.builder().keepAlive(Duration.ofSeconds(65_535).plusMillis(1)));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import umqtt.simple.SimpleClient;

/** Misuse of the API fails at once with a message that says what to do. */
class MisuseTest {

    private final SimpleClient client = SimpleClient.builder().server("mqtt://127.0.0.1:1").clientId("m").build();

    @Test
    void publishingBeforeConnectingSaysToConnect() {
        expect(IllegalStateException.class, "not connected: call connect() first", () -> client.publish("t", new byte[0]));
        expect(IllegalStateException.class, "call connect() first", client::waitMsg);
        expect(IllegalStateException.class, "call connect() first", client::checkMsg);
        expect(IllegalStateException.class, "call connect() first", client::ping);
    }

    @Test
    void qosOutsideZeroToTwoIsRefused() {
        expect(IllegalArgumentException.class, "qos must be 0, 1 or 2 but was 3",
                () -> client.publish("t", new byte[0], false, 3));
        expect(IllegalArgumentException.class, "but was -1", () -> client.subscribe("t", -1));
        expect(IllegalArgumentException.class, "but was 3", () -> client.setLastWill("w".getBytes(), new byte[0], false, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/+", "#", "a/#/b", "+"})
    void wildcardsInAPublishTopicAreRefused(String topic) {
        expect(IllegalArgumentException.class, "wildcards are for subscribe filters only",
                () -> client.publish(topic, new byte[0]));
    }

    @Test
    void emptyLongAndInvalidTopicsAreRefused() {
        expect(IllegalArgumentException.class, "publish topic is empty", () -> client.publish("", new byte[0]));
        expect(IllegalArgumentException.class, "65536 bytes long; MQTT allows at most 65535",
                () -> client.publish("x".repeat(65_536), new byte[0]));
        expect(IllegalArgumentException.class, "not valid UTF-8",
                () -> client.publish(new byte[] {'a', (byte) 0xC3, '(', 'b'}, new byte[0]));
        expect(IllegalArgumentException.class, "U+0000", () -> client.publish("a\u0000b", new byte[0]));
        assertThrows(NullPointerException.class, () -> client.publish((byte[]) null, new byte[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/#/b", "a#", "a/b#", "a+/b", "a/+b", ""})
    void misplacedWildcardsInAFilterAreRefused(String filter) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.subscribe(filter, 0));
        assertTrue(e.getMessage().contains("topic filter"), e.getMessage());
    }

    @Test
    void configurationMistakesAreCaughtByTheBuilder() {
        expect(IllegalStateException.class, "no server", () -> SimpleClient.builder().build());
        expect(IllegalStateException.class, "a password needs a user name",
                () -> SimpleClient.builder().server("mqtt://h").password("p").build());
        expect(IllegalArgumentException.class, "no transport installed for scheme 'gopher'",
                () -> SimpleClient.builder().server("gopher://h").build());
        expect(IllegalArgumentException.class, "has no scheme", () -> SimpleClient.builder().server("localhost:1883"));
        expect(IllegalArgumentException.class, "keepAlive must be 0 to 65535 seconds",
                () -> SimpleClient.builder().keepAlive(Duration.ofSeconds(70_000)));
        expect(IllegalArgumentException.class, "connectTimeout must be positive",
                () -> SimpleClient.builder().connectTimeout(Duration.ZERO));
    }

    @Test
    void anEmptyClientIdNeedsACleanSession() {
        SimpleClient anonymous = SimpleClient.builder().server("mqtt://127.0.0.1:1").build();
        expect(IllegalArgumentException.class, "an empty client id needs a clean session", () -> anonymous.connect(false));
    }

    @Test
    void aClosedClientSaysSo() {
        client.close();
        expect(IllegalStateException.class, "this client is closed", client::connect);
    }

    private static void expect(Class<? extends Throwable> type, String text, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(text), "message '" + e.getMessage() + "' should contain '" + text + "'");
    }
}

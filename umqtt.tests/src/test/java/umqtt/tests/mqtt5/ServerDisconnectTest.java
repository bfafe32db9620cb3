package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.ReasonCode;
import umqtt.tests.brokers.Broker;

/**
 * A DISCONNECT from the server (MQTT 5.0, 3.14) is reported with its reason on the client's next
 * call. Session takeover: HiveMQ sends DISCONNECT 0x8E Session taken over; Mosquitto 2.0.11 closes
 * the link without a DISCONNECT (so its client sees a plain network error).
 */
class ServerDisconnectTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aSessionTakenOverIsReportedOnTheFirstClientsNextCall(Broker broker) throws Exception {
        String id = Mqtt5Brokers.id("takeover");
        try (Mqtt5Client first = Mqtt5Brokers.client(broker, "unused").clientId(id).build();
                Mqtt5Client second = Mqtt5Brokers.client(broker, "unused").clientId(id).build()) {
            first.connect();
            second.connect();
            IOException e = assertThrows(IOException.class, () -> {
                while (true) {
                    first.waitMsg(Duration.ofSeconds(10));
                }
            });
            if (broker.name().equals("hivemq")) {
                Mqtt5Exception m = assertInstanceOf(e);
                assertEquals(ReasonCode.SESSION_TAKEN_OVER, m.code(), m.getMessage());
                assertTrue(m.getMessage().contains("Session taken over"), m.getMessage());
            } else {
                assertFalse(e instanceof Mqtt5Exception, "mosquitto 2.0.11 sends no DISCONNECT: " + e);
            }
            // The client that took the session over is fine, and the first can come back.
            second.ping();
            second.disconnect();
            first.connect(false);
            first.disconnect();
        }
    }

    private static Mqtt5Exception assertInstanceOf(IOException e) {
        if (e instanceof Mqtt5Exception m) {
            return m;
        }
        throw new AssertionError("expected the server's DISCONNECT as an Mqtt5Exception but got " + e, e);
    }
}

package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Connack;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.ReasonCode;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;

/**
 * CONNACK (MQTT 5.0, 3.2) from real brokers: refusals with their reason code and Reason String,
 * the Assigned Client Identifier, and what the brokers announce by default.
 *
 * <p>What they really send for a wrong password: HiveMQ 0x86 Bad User Name or Password with the
 * reason string its authenticator gives; Mosquitto 2.0.11 0x87 Not authorized without one.
 */
class ConnackTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aWrongPasswordIsRefusedWithTheBrokersReasonCode(Broker broker) throws Exception {
        try (Mqtt5Client client = Mqtt5Brokers.client(broker.uri(Listener.AUTH), "refused").user(Broker.USER)
                .password("not the password").build()) {
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, client::connect);
            if (broker.name().equals("hivemq")) {
                assertEquals(ReasonCode.BAD_USER_NAME_OR_PASSWORD, e.code(), e.getMessage());
                assertEquals("wrong user name or password", e.reasonString());
                assertTrue(e.getMessage().contains("Bad User Name or Password")
                        && e.getMessage().contains("wrong user name or password"), e.getMessage());
            } else {
                assertEquals(ReasonCode.NOT_AUTHORIZED, e.code(), e.getMessage());
                assertTrue(e.getMessage().contains("Not authorized"), e.getMessage());
            }
            assertFalse(e.getMessage().contains("not the password"), "the password leaked: " + e.getMessage());
            assertEquals(null, client.connack(), "no CONNACK accepted yet");
        }
        try (Mqtt5Client client = Mqtt5Brokers.client(broker.uri(Listener.AUTH), "accepted").user(Broker.USER)
                .password(Broker.PASSWORD).build()) {
            assertFalse(client.connect());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void anEmptyClientIdGetsOneAssigned(Broker broker) throws Exception {
        try (Mqtt5Client client = Mqtt5Client.builder().server(broker.uri(Listener.TCP).toString()).clientId("")
                .responseTimeout(Duration.ofSeconds(5)).build()) {
            assertFalse(client.connect(true));
            String assigned = client.connack().assignedClientIdentifier();
            assertNotNull(assigned, client.connack().toString());
            assertFalse(assigned.isEmpty());
            client.ping();
            client.disconnect();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void theBrokersDefaultsAreReported(Broker broker) throws Exception {
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "defaults").build()) {
            client.connect();
            Connack c = client.connack();
            assertEquals(ReasonCode.SUCCESS, c.reasonCode());
            assertEquals(2, c.maximumQos(), c.toString());
            assertTrue(c.retainAvailable(), c.toString());
            assertTrue(c.wildcardSubscriptionAvailable(), c.toString());
            assertTrue(c.subscriptionIdentifiersAvailable(), c.toString());
            assertTrue(c.sharedSubscriptionAvailable(), c.toString());
            // HiveMQ CE: Receive Maximum 10, Topic Alias Maximum 5; Mosquitto: 20 (max_inflight_messages), 10.
            assertEquals(broker.name().equals("hivemq") ? 10 : 20, c.receiveMaximum(), c.toString());
            assertEquals(broker.name().equals("hivemq") ? 5 : 10, c.topicAliasMaximum(), c.toString());
        }
    }
}

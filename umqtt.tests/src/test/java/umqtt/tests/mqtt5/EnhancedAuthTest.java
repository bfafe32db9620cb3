package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.mqtt5.Authenticator;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.ReasonCode;
import umqtt.mqtt5.ScramSha256;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.HiveMq;

/**
 * MQTT 5 enhanced authentication (MQTT 5.0, 4.12) end to end against HiveMQ CE, whose extension
 * SDK runs the server side: SCRAM-SHA-256 ({@link HiveMqScram}) and a method of our own
 * ({@link TokenAuthenticator}, {@link HiveMqToken}).
 */
class EnhancedAuthTest {

    private static final Broker BROKER = Brokers.hivemq();

    @BeforeAll
    static void methods() {
        HiveMq.enhancedAuthentication("SCRAM-SHA-256", HiveMqScram::new);
        HiveMq.enhancedAuthentication(HiveMqToken.METHOD, HiveMqToken::new);
    }

    @Test
    void scramSha256ConnectsWorksAndReauthenticates() throws Exception {
        String topic = Mqtt5Clients.unique("m5/scram");
        Mqtt5Clients.Received in = new Mqtt5Clients.Received();
        try (Mqtt5Client c = client(scram(HiveMqScram.USER, HiveMqScram.PASSWORD))) {
            c.setCallback(in::add);
            assertFalse(c.connect(true));
            assertEquals("SCRAM-SHA-256", c.connack().authenticationMethod());
            c.subscribe(topic, 1);
            c.publish(topic, "before".getBytes(StandardCharsets.UTF_8), false, 1);
            // 4.12.1: AUTH Re-authenticate, the server's AUTH Continue, the client's proof, AUTH Success with v=.
            c.reauthenticate();
            c.reauthenticate();
            c.publish(topic, "after".getBytes(StandardCharsets.UTF_8), false, 1);
            in.await(c, 2);
            assertEquals("after", new String(in.messages.get(1).payload(), StandardCharsets.UTF_8));
            c.disconnect();
        }
    }

    @Test
    void aWrongPasswordIsRefusedByTheServerWithItsReasonCode() throws Exception {
        try (Mqtt5Client c = client(scram(HiveMqScram.USER, "not the password"))) {
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> c.connect(true));
            assertEquals(ReasonCode.BAD_USER_NAME_OR_PASSWORD, e.code(), e.getMessage());
            assertEquals("e=invalid-proof", e.reasonString(), e.getMessage());
            assertFalse(e.getMessage().contains("not the password"), e.getMessage());
        }
    }

    @Test
    void anUnknownUserIsRefused() throws Exception {
        try (Mqtt5Client c = client(scram("nobody", HiveMqScram.PASSWORD))) {
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> c.connect(true));
            assertEquals(ReasonCode.NOT_AUTHORIZED, e.code(), e.getMessage());
        }
    }

    @Test
    void aServerThatCannotProveItKnowsThePasswordIsRefusedByTheClient() throws Exception {
        // HiveMQ accepts the proof (CONNACK Success) but signs wrongly: the client must not trust it.
        try (Mqtt5Client c = client(scram(HiveMqScram.IMPOSTOR_USER, HiveMqScram.PASSWORD))) {
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> c.connect(true));
            assertEquals(ReasonCode.NOT_AUTHORIZED, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("signature"), e.getMessage());
            assertFalse(e.getMessage().contains(HiveMqScram.PASSWORD), e.getMessage());
            // The client closed the link: nothing more goes out on it.
            assertThrows(IllegalStateException.class, () -> c.publish("t", new byte[0], false, 0));
        }
    }

    @Test
    void aReauthenticationWhoseServerSignatureIsWrongEndsTheLink() throws Exception {
        try (Mqtt5Client c = client(scram(HiveMqScram.REAUTH_IMPOSTOR_USER, HiveMqScram.PASSWORD))) {
            c.connect(true);
            c.ping();
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, c::reauthenticate);
            assertEquals(ReasonCode.NOT_AUTHORIZED, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("signature"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> c.publish("t", new byte[0], false, 0));
        }
    }

    @Test
    void aMethodTheServerDoesNotOfferIsBadAuthenticationMethod() throws Exception {
        try (Mqtt5Client c = client(new TokenAuthenticator("x") {
            @Override
            public String method() {
                return "NO-SUCH-METHOD";
            }
        })) {
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> c.connect(true));
            assertEquals(ReasonCode.BAD_AUTHENTICATION_METHOD, e.code(), e.getMessage());
        }
    }

    @Test
    void aMethodOfYourOwnIsOneClass() throws Exception {
        try (Mqtt5Client c = client(new TokenAuthenticator(HiveMqToken.TOKEN))) {
            c.connect(true);
            c.reauthenticate(); // AUTH Re-authenticate with the token, AUTH Success
            c.ping();
            c.disconnect();
        }
        try (Mqtt5Client c = client(new TokenAuthenticator("stolen"))) {
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> c.connect(true));
            assertEquals(ReasonCode.NOT_AUTHORIZED, e.code(), e.getMessage());
            assertEquals("unknown token", e.reasonString());
        }
    }

    private static Mqtt5Client client(Authenticator authenticator) {
        return Mqtt5Clients.tcp(BROKER, "auth").authenticator(authenticator).keepAlive(Duration.ofSeconds(30))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static ScramSha256 scram(String user, String password) {
        return new ScramSha256(user, password.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A bearer token as the Authentication Data of CONNECT (and of AUTH Re-authenticate): the
     * whole of a custom method. Nothing to answer, nothing to verify.
     */
    static class TokenAuthenticator implements Authenticator {
        private final byte[] token;

        TokenAuthenticator(String token) {
            this.token = token.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String method() {
            return HiveMqToken.METHOD;
        }

        @Override
        public byte[] initialData() {
            return token.clone();
        }

        @Override
        public byte[] challenge(byte[] serverData) throws MqttException {
            throw new Mqtt5Exception(ReasonCode.PROTOCOL_ERROR, "the token method has no challenge: the server is"
                    + " not speaking " + method(), null, List.of(), null);
        }

        @Override
        public void success(byte[] serverData) {
            // a bearer token: the server proves nothing back
        }
    }
}

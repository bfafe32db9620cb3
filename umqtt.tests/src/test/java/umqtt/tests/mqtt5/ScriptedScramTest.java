package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.ReasonCode;
import umqtt.mqtt5.ScramSha256;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.PacketTypes;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;
import umqtt.tests.brokers.ScriptedServer;

/**
 * SCRAM-SHA-256 against servers no broker will imitate on request (EnhancedAuthTest runs it
 * against HiveMQ): one that skips the exchange, one that challenges twice, one that asks for an
 * absurd iteration count (the client refuses each, tells the server with DISCONNECT and closes),
 * and one that never answers a re-authentication.
 */
class ScriptedScramTest {

    private static final String USER = "user";
    private static final String PASSWORD = "pencil";

    @Test
    void aServerThatAcceptsWithoutTheExchangeIsRefused() throws Throwable {
        // MQTT 5.0, 4.12: CONNACK Success straight after CONNECT; the server never proved it knows the password.
        try (ScriptedServer server = ScriptedServer.start(); Mqtt5Client c = client(server)) {
            CompletableFuture<Boolean> connected = Script5.async(() -> c.connect(true));
            Script5 s = Script5.acceptOnly(server);
            s.expect(Packet.Connect.class);
            s.send(new Packet.Connack(false, 0, method()));
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> Script5.result(connected));
            assertEquals(ReasonCode.NOT_AUTHORIZED, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("without completing the SCRAM exchange"), e.getMessage());
            assertTrue(s.expect(Packet.Reason.class).reasonCode() >= 0x80, "DISCONNECT with a failure reason");
        }
    }

    @Test
    void aSecondChallengeAfterTheProofIsAProtocolError() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start(); Mqtt5Client c = client(server)) {
            CompletableFuture<Boolean> connected = Script5.async(() -> c.connect(true));
            Script5 s = Script5.acceptOnly(server);
            Packet.Connect connect = s.expect(Packet.Connect.class);
            ScramServer scram = new ScramServer(USER, PASSWORD, "salt".getBytes(StandardCharsets.UTF_8), 4096, "srv");
            String serverFirst = scram.first(connect.properties().binary(Property.AUTHENTICATION_DATA));
            s.send(new Packet.Reason(15, 0x18, method().set(Property.AUTHENTICATION_DATA, bytes(serverFirst))));
            Packet.Reason proof = s.expect(Packet.Reason.class);
            assertEquals(0x18, proof.reasonCode());
            assertTrue(scram.last(proof.properties().binary(Property.AUTHENTICATION_DATA)).startsWith("v="),
                    "the proof is good");
            s.send(new Packet.Reason(15, 0x18, method().set(Property.AUTHENTICATION_DATA, bytes(serverFirst))));
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> Script5.result(connected));
            assertEquals(ReasonCode.PROTOCOL_ERROR, e.code(), e.getMessage());
            assertEquals(ReasonCode.PROTOCOL_ERROR, s.expect(Packet.Reason.class).reasonCode());
        }
    }

    @Test
    void anAbsurdIterationCountIsRefusedAtOnce() throws Throwable {
        // RFC 7677 §4 asks for at least 4096; 2,000,000,000 would keep the client hashing for many minutes.
        try (ScriptedServer server = ScriptedServer.start(); Mqtt5Client c = client(server)) {
            CompletableFuture<Boolean> connected = Script5.async(() -> c.connect(true));
            Script5 s = Script5.acceptOnly(server);
            Packet.Connect connect = s.expect(Packet.Connect.class);
            String clientFirst = new String(connect.properties().binary(Property.AUTHENTICATION_DATA),
                    StandardCharsets.UTF_8);
            String nonce = clientFirst.substring(clientFirst.indexOf(",r=") + 3);
            String serverFirst = "r=" + nonce + "srv,s=c2FsdA==,i=2000000000";
            s.send(new Packet.Reason(15, 0x18, method().set(Property.AUTHENTICATION_DATA, bytes(serverFirst))));
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> Script5.result(connected));
            assertEquals(ReasonCode.NOT_AUTHORIZED, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("denial of service"), e.getMessage());
            assertTrue(s.expect(Packet.Reason.class).reasonCode() >= 0x80, "DISCONNECT with a failure reason");
        }
    }

    @Test
    void aFailedAuthenticationIsAnnouncedWithAReasonCodeAClientMaySend_MQTT_3_14_2_1() throws Throwable {
        // "The Client or Server sending the DISCONNECT packet MUST use one of the DISCONNECT Reason Code values"
        // [MQTT-3.14.2-1]; Table 3-10 gives 0x87 Not authorized to the server only (PacketTypes.clientDisconnect agrees).
        // The exception keeps 0x87; the DISCONNECT the client sends must carry a code of its own (0x80, 0x83...).
        try (ScriptedServer server = ScriptedServer.start(); Mqtt5Client c = client(server)) {
            CompletableFuture<Boolean> connected = Script5.async(() -> c.connect(true));
            Script5 s = Script5.acceptOnly(server);
            s.expect(Packet.Connect.class);
            s.send(new Packet.Connack(false, 0, method()));
            assertEquals(ReasonCode.NOT_AUTHORIZED,
                    assertThrows(Mqtt5Exception.class, () -> Script5.result(connected)).code());
            int reason = s.expect(Packet.Reason.class).reasonCode();
            assertTrue(reason >= 0x80 && PacketTypes.clientDisconnect(reason),
                    String.format("the client sent DISCONNECT 0x%02X, a code only a server may send", reason));
        }
    }

    @Test
    void aReauthenticationTheServerNeverAnswersTimesOut() throws Throwable {
        // A whole SCRAM exchange at CONNECT, played with the test's own server side, then AUTH Re-authenticate
        // into silence: reauthenticate() gives up after the response timeout instead of waiting for ever.
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client c = Script5.client(server).responseTimeout(Duration.ofMillis(300))
                        .authenticator(new ScramSha256(USER, bytes(PASSWORD))).build()) {
            CompletableFuture<Boolean> connected = Script5.async(() -> c.connect(true));
            Script5 s = Script5.acceptOnly(server);
            Packet.Connect connect = s.expect(Packet.Connect.class);
            ScramServer scram = new ScramServer(USER, PASSWORD, "salt".getBytes(StandardCharsets.UTF_8), 4096, "srv");
            String serverFirst = scram.first(connect.properties().binary(Property.AUTHENTICATION_DATA));
            s.send(new Packet.Reason(15, 0x18, method().set(Property.AUTHENTICATION_DATA, bytes(serverFirst))));
            String serverFinal = scram.last(s.expect(Packet.Reason.class).properties()
                    .binary(Property.AUTHENTICATION_DATA));
            s.send(new Packet.Connack(false, 0, method().set(Property.AUTHENTICATION_DATA, bytes(serverFinal))));
            Script5.result(connected);
            long start = System.nanoTime();
            CompletableFuture<Object> re = Script5.async(() -> {
                c.reauthenticate();
                return null;
            });
            assertEquals(ReasonCode.RE_AUTHENTICATE, s.expect(Packet.Reason.class).reasonCode());
            assertThrows(SocketTimeoutException.class, () -> Script5.result(re));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "gave up after the timeout");
        }
    }

    private static Mqtt5Client client(ScriptedServer server) {
        return Script5.client(server).authenticator(new ScramSha256(USER, bytes(PASSWORD))).build();
    }

    private static Properties method() {
        return new Properties().set(Property.AUTHENTICATION_METHOD, "SCRAM-SHA-256");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.core.Scripted.async;
import static umqtt.tests.core.Scripted.result;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import umqtt.api.MqttException;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.ScriptedServer;

/**
 * What no broker sends on request: malformed, unexpected and oversized packets, and CONNACK
 * refusals. Each is an MqttException with a code and a sentence, and the client closes the link
 * (MQTT 3.1.1 §4.8) instead of reading on from a desynchronised stream (umqtt defects 8 and 13).
 */
class ProtocolErrorsTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        // bytes from the server | expected code | what it is
        "40 03 00 01 00          | 129 | PUBACK with 3 bytes where 2 are required",
        "F0 00                   | 129 | reserved packet type 15",
        "36 05 00 01 61 00 01    | 129 | PUBLISH with QoS 3",
        "30 FF FF FF FF 7F       | 129 | remaining length of 5 bytes",
        "30 80 00                | 129 | remaining length not minimally encoded",
        "31 03 00 01 23          | 129 | PUBLISH to the wildcard topic '#'",
        "32 05 00 01 61 00 00    | 129 | PUBLISH QoS 1 with packet id 0",
        "38 03 00 01 61          | 129 | PUBLISH QoS 0 with DUP set",
        "30 04 00 02 C3 28       | 129 | PUBLISH topic that is not UTF-8",
        "D0 01 00                | 129 | PINGRESP with a body",
        "62 02 00 00             | 129 | PUBREL with packet id 0",
        "60 02 00 01             | 129 | PUBREL with flags 0 instead of 2",
        "90 03 00 07 00          | 130 | SUBACK when no SUBSCRIBE is waiting",
        "40 02 00 09             | 130 | PUBACK for a packet id not in flight",
        "20 02 00 00             | 130 | a second CONNACK",
        "C0 00                   | 130 | PINGREQ, which only clients send",
        "82 08 00 01 00 03 61 2F 62 00 | 130 | SUBSCRIBE, which only clients send",
    })
    void aBadPacketFailsWithItsCodeAndClosesTheLink(String hex, int code, String what) throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            client.setCallback(m -> { });
            CompletableFuture<Void> wait = async(() -> {
                client.waitMsg();
                return null;
            });
            conn.sendHex(hex);
            MqttException e = assertThrows(MqttException.class, () -> result(wait));
            assertEquals(code, e.code(), e.getMessage());
            assertTrue(e.getMessage().startsWith(code == MqttException.MALFORMED_PACKET ? "malformed packet: "
                    : "protocol error: "), e.getMessage());
            assertTrue(conn.isClosedByPeer(Scripted.WAIT), "the client closed the connection");
            IllegalStateException after = assertThrows(IllegalStateException.class, () -> client.publish("t", new byte[0]));
            assertTrue(after.getMessage().contains("not connected"), after.getMessage());
        }
    }

    @Test
    void aPacketOverTheLimitIsRefusedBeforeItsBodyArrives() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).maxPacketSize(1024).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            client.setCallback(m -> { });
            CompletableFuture<Void> wait = async(() -> {
                client.waitMsg();
                return null;
            });
            conn.sendHex("30 D0 0F"); // PUBLISH header announcing 2000 bytes of body, which never come
            MqttException e = assertThrows(MqttException.class, () -> result(wait));
            assertEquals(MqttException.PACKET_TOO_LARGE, e.code());
            assertTrue(e.getMessage().contains("2003 bytes") && e.getMessage().contains("1024"), e.getMessage());
        }
    }

    @Test
    void aRefusedSubscriptionIsAnMqttExceptionAndTheLinkStaysUp() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            client.setCallback(m -> { });
            CompletableFuture<Integer> subscribe = async(() -> client.subscribe("secret/#", 1));
            var request = conn.read(Scripted.WAIT);
            assertEquals(8, request.type(), "SUBSCRIBE");
            int id = (request.body()[0] & 0xFF) << 8 | request.body()[1] & 0xFF;
            conn.sendHex("90 03 " + Scripted.id(id) + " 80"); // SUBACK: failure
            MqttException e = assertThrows(MqttException.class, () -> result(subscribe));
            assertEquals(MqttException.SUBSCRIPTION_REFUSED, e.code());
            assertTrue(e.getMessage().contains("'secret/#'") && e.getMessage().contains("0x80"), e.getMessage());
            client.ping(); // a refusal is an answer, not a broken link
            assertEquals("C0 00", conn.read(Scripted.WAIT).toString());
        }
    }

    @Test
    void inOneSubscribeARefusedFilterIsReportedAsItsOwnCode() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            client.setCallback(m -> { });
            CompletableFuture<int[]> subscribe = async(() -> client.subscribe(
                    new byte[][] {"ok".getBytes(), "secret".getBytes()}, new int[] {1, 2}));
            var request = conn.read(Scripted.WAIT);
            // SUBSCRIBE: id, then "ok" QoS 1 and "secret" QoS 2, in one packet
            assertEquals(2 + (2 + 2 + 1) + (2 + 6 + 1), request.body().length, request.toString());
            int id = (request.body()[0] & 0xFF) << 8 | request.body()[1] & 0xFF;
            conn.sendHex("90 04 " + Scripted.id(id) + " 01 80"); // SUBACK: QoS 1 granted, second refused
            org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 0x80}, result(subscribe));
            conn.sendHex("90 03 00 7F 00"); // a SUBACK with one code... for an id nobody waits for
            MqttException e = assertThrows(MqttException.class, client::waitMsg);
            assertEquals(MqttException.PROTOCOL_ERROR, e.code());
        }
    }

    @ParameterizedTest(name = "CONNACK {0}")
    @CsvSource(delimiter = '|', value = {
        "1 | connection refused: unacceptable protocol version (1)",
        "2 | connection refused: identifier rejected (2)",
        "3 | connection refused: server unavailable (3)",
        "4 | connection refused: bad user name or password (4)",
        "5 | connection refused: not authorized (5)",
    })
    void connackRefusalsNameTheirReason(int code, String message) throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            CompletableFuture<Boolean> connect = async(() -> client.connect());
            ScriptedServer.Connection conn = Scripted.accept(server, "20 02 00 0" + code);
            MqttException e = assertThrows(MqttException.class, () -> result(connect));
            assertEquals(code, e.code());
            assertEquals(message, e.getMessage());
            assertTrue(conn.isClosedByPeer(Scripted.WAIT));
        }
    }

    @Test
    void aServerAnsweringConnectWithSomethingElseIsAProtocolError() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            CompletableFuture<Boolean> connect = async(() -> client.connect());
            Scripted.accept(server, "D0 00"); // PINGRESP instead of CONNACK
            MqttException e = assertThrows(MqttException.class, () -> result(connect));
            assertEquals(MqttException.PROTOCOL_ERROR, e.code());
            assertTrue(e.getMessage().contains("PINGRESP instead of CONNACK"), e.getMessage());
        }
    }
}

package umqtt.tests.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.tests.websocket.ScriptedWebSocketServer.ClientFrame;
import umqtt.tests.websocket.ScriptedWebSocketServer.Connection;
import umqtt.transport.websocket.WebSocketTransportProvider;
import umqtt.transport.websocket.frame.CloseStatus;
import umqtt.transport.websocket.frame.Opcode;
import umqtt.transport.websocket.frame.WebSocketProtocolException;

/**
 * The reason in a server's close frame is UTF-8 text (RFC 6455 section 5.5.1); one that is not
 * valid UTF-8 fails the connection with status 1007 (section 8.1), never shown with replacement
 * characters as if it were the server's words.
 */
class WebSocketCloseReasonTest {

    private ScriptedWebSocketServer server;
    private Transport transport;
    private Connection peer;

    @BeforeEach
    void connect() throws Exception {
        server = new ScriptedWebSocketServer(ScriptedWebSocketServer.ACCEPT_MQTT);
        transport = new WebSocketTransportProvider().open(URI.create(server.uri("/mqtt")),
                new TransportOptions(Duration.ofSeconds(5), TlsOptions.builder().build(), Map.of()));
        transport.setReadTimeout(5_000);
        peer = server.connection();
    }

    @AfterEach
    void close() throws IOException {
        transport.close();
        server.close();
    }

    @Test
    void aUtf8ReasonIsReportedWhole() throws Exception {
        String reason = "Wartung läuft \u2013 bitte später \ud83d\ude80";
        peer.send(true, Opcode.CLOSE, ScriptedWebSocketServer.closePayload(1001, reason));
        EOFException e = assertThrows(EOFException.class, () -> transport.input().read());
        assertEquals("the server closed the WebSocket at ws://127.0.0.1:" + server.port() + "/mqtt with status "
                + "1001 (going away): " + reason, e.getMessage());
        assertEquals(1001, peer.read().closeStatus());
    }

    @ParameterizedTest(name = "reason bytes {0}")
    @ValueSource(strings = {
        "c3 28",          // a lead byte followed by no continuation byte
        "80",             // a lone continuation byte
        "e2 82",          // a sequence cut short at the end of the frame
        "c0 af",          // an overlong encoding of '/'
        "ed a0 80",       // a UTF-16 surrogate, U+D800
        "f4 90 80 80",    // beyond U+10FFFF
        "6f 6b ff",       // "ok" then a byte that never occurs in UTF-8
    })
    void aReasonThatIsNotUtf8FailsTheConnectionWith1007(String hex) throws Exception {
        byte[] text = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (1000 >>> 8);
        payload[1] = (byte) 1000;
        System.arraycopy(text, 0, payload, 2, text.length);
        peer.send(true, Opcode.CLOSE, payload);
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class, () -> transport.input().read());
        assertEquals(CloseStatus.INVALID_PAYLOAD, e.closeStatus());
        assertEquals("WebSocket protocol error from ws://127.0.0.1:" + server.port() + "/mqtt: the server closed the "
                + "WebSocket with status 1000 (normal closure) and a reason that is not valid UTF-8, which RFC 6455 "
                + "(section 8.1) requires", e.getMessage());
        ClientFrame reply = peer.read();
        assertEquals(Opcode.CLOSE, reply.opcode());
        assertEquals(CloseStatus.INVALID_PAYLOAD, reply.closeStatus());
    }
}

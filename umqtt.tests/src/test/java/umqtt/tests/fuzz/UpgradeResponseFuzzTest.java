package umqtt.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import umqtt.transport.websocket.frame.InputBuffer;
import umqtt.transport.websocket.http.Handshake;
import umqtt.transport.websocket.http.UpgradeRequest;
import umqtt.transport.websocket.http.UpgradeResponse;

/**
 * The WebSocket upgrade response under coverage-guided fuzzing. Whatever the server answers, the
 * handshake either accepts a proper 101 response carrying the right {@code Sec-WebSocket-Accept}
 * and one of the offered subprotocols, leaving exactly the bytes after the head for the frame
 * reader, or fails with an {@link IOException}; nothing else escapes, and a head that never ends
 * is refused at {@link Handshake#MAX_RESPONSE_HEAD} bytes instead of being buffered without bound.
 *
 * <p>Input layout of {@link #handshakeAcceptsOnlyAProperUpgrade}: byte 0 is the chunk pattern of
 * the network ({@code 1 + (b & 0x7F)} bytes a read, a timeout first when its high bit is set); the
 * rest is the server's answer.
 */
class UpgradeResponseFuzzTest {

    // RFC 6455 section 1.3's example key and its accept value.
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    private static final String ENDPOINT = "ws://fuzzed-server/mqtt";

    @FuzzTest(maxDuration = "10m")
    void handshakeAcceptsOnlyAProperUpgrade(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] answer = Arrays.copyOfRange(data, 1, data.length);
        UpgradeRequest request = new UpgradeRequest("fuzzed-server", "/mqtt", KEY,
                Map.of("Sec-WebSocket-Protocol", "mqtt, mqttv3.1"));
        MemoryTransport transport = new MemoryTransport(new ChoppedInput(answer, new byte[] {data[0]}));
        InputBuffer in = new InputBuffer(transport.input(), InputBuffer.DEFAULT_CAPACITY);
        String protocol;
        try {
            protocol = Handshake.perform(transport, in, request, ENDPOINT, System.nanoTime() + 60_000_000_000L, 60_000);
        } catch (IOException e) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(ENDPOINT),
                    "the error names the server: " + e.getMessage());
            assertTrue(in.buffered() <= Handshake.MAX_RESPONSE_HEAD + InputBuffer.DEFAULT_CAPACITY,
                    "buffered " + in.buffered() + " bytes of a response head");
            return;
        }
        assertTrue(request.protocols().contains(protocol), "chose " + protocol + ", not offered");
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("HTTP/1.") && text.substring(8).startsWith(" 101"), "accepted " + text);
        int end = endOfHead(answer);
        assertTrue(end > 0, "accepted a head without its blank line");
        assertTrue(text.substring(0, end).contains(ACCEPT), "accepted without the right Sec-WebSocket-Accept");
        assertEquals(end, in.position(), "the frame reader must start right after the blank line");
        assertEquals(0, transport.readTimeout(), "the read timeout is set back to none");
    }

    @FuzzTest(maxDuration = "10m")
    void parseTakesAnyHeadOrRefusesIt(byte[] head) {
        UpgradeRequest request = new UpgradeRequest("fuzzed-server", "/mqtt", KEY, Map.of());
        UpgradeResponse response;
        try {
            response = UpgradeResponse.parse(head, 0, head.length, ENDPOINT);
        } catch (IOException e) {
            assertTrue(e.getMessage().contains(ENDPOINT), "the error names the server: " + e.getMessage());
            return;
        }
        assertTrue(response.status() >= 0 && response.status() <= 999, "status " + response.status());
        assertTrue(response.statusLine().startsWith("HTTP/1."), "status line " + response.statusLine());
        try {
            assertEquals("mqtt", response.verify(request, ENDPOINT));
            assertEquals(101, response.status());
            assertEquals(ACCEPT, response.header("sec-websocket-accept"));
        } catch (IOException e) {
            assertTrue(e.getMessage().contains(ENDPOINT), "the error names the server: " + e.getMessage());
        }
    }

    /** Where the bytes after the response head start: after its first empty line; -1 if none. */
    private static int endOfHead(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') {
                return i + 2;
            }
            if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }
}

package umqtt.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import umqtt.transport.websocket.frame.FrameHeader;
import umqtt.transport.websocket.frame.InputBuffer;
import umqtt.transport.websocket.frame.MaskKeys;
import umqtt.transport.websocket.frame.Masking;
import umqtt.transport.websocket.frame.Opcode;
import umqtt.transport.websocket.frame.WebSocketInputStream;
import umqtt.transport.websocket.frame.WebSocketOutputStream;

/**
 * The WebSocket frame reader under coverage-guided fuzzing. The server's bytes arrive in chunks
 * with timeouts between them, are read in reads of any size mixed with {@code available()}, and
 * must yield exactly what {@link ServerFrames} reads from them: the same payload bytes, a pong for
 * each ping, a clean end of stream exactly when the stream ends at a message boundary, and
 * otherwise an {@link IOException} that names the server, after which the reader stays failed.
 * Nothing else escapes, no read loops without progress, and no frame or message over the limits is
 * accepted.
 */
class WebSocketFrameFuzzTest {

    private static final String PEER = "ws://fuzzed-server/mqtt";

    @FuzzTest(maxDuration = "10m")
    void readsWhatTheServerSentOrFailsWithAnIoException(FuzzedDataProvider data) throws IOException {
        int capacity = data.consumeInt(FrameHeader.MAX_LENGTH + FrameHeader.MAX_CONTROL_PAYLOAD, 2048);
        long maxFrame = data.consumeLong(0, 5000);
        long maxMessage = data.consumeLong(0, 10_000);
        byte[] chunks = data.consumeBytes(data.consumeInt(0, 8));
        byte[] reads = data.consumeBytes(data.consumeInt(0, 8));
        byte[] wire = data.consumeRemainingAsBytes();

        ServerFrames expected = ServerFrames.read(wire, maxFrame, maxMessage);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        WebSocketOutputStream out = new WebSocketOutputStream(sent, KEYS, () -> { });
        ChoppedInput source = new ChoppedInput(wire, chunks);
        WebSocketInputStream in = new WebSocketInputStream(new InputBuffer(source, capacity), out, PEER,
                maxFrame, maxMessage, () -> { });

        ByteArrayOutputStream got = new ByteArrayOutputStream();
        IOException failure = null;
        byte[] buf = new byte[4096];
        // Each step hands out bytes, or meets one scripted timeout (at most one per chunk).
        long steps = 4L * wire.length + 16;
        for (int i = 0; failure == null; i++) {
            assertTrue(i < steps, "no progress after " + i + " reads");
            int pattern = reads.length == 0 ? 0xFF : reads[i % reads.length] & 0xFF;
            try {
                if (pattern == 0) {
                    int ready = in.available();
                    assertTrue(ready >= 0 && ready <= wire.length, "available() said " + ready);
                }
                int n = pattern == 1 ? readOne(in, buf) : in.read(buf, 0, Math.max(1, pattern * 16));
                if (n < 0) {
                    break;
                }
                assertTrue(n > 0, "a read returns at least one byte or -1");
                got.write(buf, 0, n);
                assertTrue(got.size() <= expected.payload().length, "more payload than the server sent");
            } catch (SocketTimeoutException e) {
                continue; // the next read must go on where this one stopped
            } catch (IOException e) {
                failure = e;
            }
        }

        if (expected.clean()) {
            assertEquals(null, failure, "a well-formed stream must read to its end");
            assertTrue(source.drained(), "the end of the stream reported before its end");
        } else {
            assertNotNull(failure, "a broken stream must end in an IOException, not a clean end");
            assertTrue(failure.getMessage() != null && failure.getMessage().contains(PEER),
                    "the error names the server: " + failure.getMessage());
            assertStaysFailed(in);
        }
        assertArrayEquals(expected.payload(), got.toByteArray(), "the payload bytes");
        assertPongsThenAtMostOneClose(sent.toByteArray(), expected.pings(), failure != null);
    }

    /** The single-byte read, as a bulk read's result. */
    private static int readOne(WebSocketInputStream in, byte[] buf) throws IOException {
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        buf[0] = (byte) b;
        return 1;
    }

    private static void assertStaysFailed(WebSocketInputStream in) {
        for (int i = 0; i < 2; i++) {
            try {
                in.read(new byte[8], 0, 8);
                fail("a failed reader must keep failing");
            } catch (SocketTimeoutException e) {
                fail("a failed reader must not report a timeout");
            } catch (IOException expected) {
                // still failed
            }
        }
    }

    /** The client's frames: masked, a pong echoing each ping in order, then at most one close. */
    private static void assertPongsThenAtMostOneClose(byte[] sent, List<byte[]> pings, boolean mayClose) {
        List<byte[]> pongs = new ArrayList<>();
        FrameHeader h = new FrameHeader();
        int off = 0;
        boolean closed = false;
        while (off < sent.length) {
            assertTrue(!closed, "nothing may follow the close frame");
            int hl;
            try {
                hl = h.decode(sent, off, sent.length - off);
            } catch (IOException e) {
                throw new AssertionError("the client sent a bad frame header", e);
            }
            assertTrue(hl > 0 && h.masked() && h.fin(), "a whole, masked, final client frame");
            byte[] p = Arrays.copyOfRange(sent, off + hl, off + hl + (int) h.payloadLength());
            Masking.mask(p, 0, p.length, h.maskKey(), 0);
            if (h.opcode() == Opcode.CLOSE) {
                assertTrue(mayClose, "a close frame on a stream that ended cleanly");
                closed = true;
            } else {
                assertEquals(Opcode.PONG, h.opcode(), "the client only answers pings and closes");
                pongs.add(p);
            }
            off += hl + p.length;
        }
        assertEquals(pings.size(), pongs.size(), "one pong per ping");
        for (int i = 0; i < pings.size(); i++) {
            assertArrayEquals(pings.get(i), pongs.get(i), "pong " + i + " echoes its ping");
        }
    }

    private static final MaskKeys KEYS = new MaskKeys(seeded());

    private static SecureRandom seeded() {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(42);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

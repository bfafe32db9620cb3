package umqtt.tests.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static umqtt.tests.websocket.WebSocketGenerators.controlOpcodes;
import static umqtt.tests.websocket.WebSocketGenerators.cuts;
import static umqtt.tests.websocket.WebSocketGenerators.dataOpcodes;
import static umqtt.tests.websocket.WebSocketGenerators.frameCuts;
import static umqtt.tests.websocket.WebSocketGenerators.maskKeys;
import static umqtt.tests.websocket.WebSocketGenerators.mqttPackets;
import static umqtt.tests.websocket.WebSocketGenerators.pattern;
import static umqtt.tests.websocket.WebSocketGenerators.payloadLengths;
import static umqtt.tests.websocket.WebSocketGenerators.payloadSizes;
import static umqtt.tests.websocket.WebSocketGenerators.payloads;
import static umqtt.tests.websocket.WebSocketGenerators.sevenBitLengths;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import umqtt.transport.websocket.frame.FrameHeader;
import umqtt.transport.websocket.frame.InputBuffer;
import umqtt.transport.websocket.frame.MaskKeys;
import umqtt.transport.websocket.frame.Masking;
import umqtt.transport.websocket.frame.Opcode;
import umqtt.transport.websocket.frame.WebSocketInputStream;
import umqtt.transport.websocket.frame.WebSocketOutputStream;

/** RFC 6455 framing as properties: round trips, masking, and reassembly under any split. */
class WebSocketFrameProperties {

    @Test
    void dataFrameHeadersRoundTripInEveryLengthClass() {
        qt().forAll(payloadLengths(), dataOpcodes(), booleans().all(), maskKeys().toOptionals(30))
                .checkAssert((length, opcode, fin, key) -> assertHeaderRoundTrip(fin, opcode, length, key));
    }

    @Test
    void controlFrameHeadersRoundTrip() {
        qt().forAll(sevenBitLengths(), controlOpcodes(), maskKeys().toOptionals(30))
                .checkAssert((length, opcode, key) -> assertHeaderRoundTrip(true, opcode, length, key));
    }

    @Test
    void headerLengthFollowsThePayloadLengthClass() {
        qt().forAll(payloadLengths(), booleans().all()).checkAssert((length, masked) -> {
            int expected = (length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10) + (masked ? 4 : 0);
            assertEquals(expected, FrameHeader.length(length, masked));
        });
    }

    @Test
    void maskingTwiceRestoresAndEqualsTheRfcDefinition() {
        qt().forAll(payloads(integers().between(0, 2000)), maskKeys()).checkAssert((bytes, key) -> {
            byte[] masked = bytes.clone();
            Masking.mask(masked, 0, masked.length, key, 0);
            for (int i = 0; i < bytes.length; i++) {
                // RFC 6455 5.3: transformed-octet-i = original-octet-i XOR masking-key-octet-(i MOD 4)
                assertEquals((byte) (bytes[i] ^ (key >>> (24 - 8 * (i % 4)))), masked[i], "byte " + i);
            }
            Masking.mask(masked, 0, masked.length, key, 0);
            assertArrayEquals(bytes, masked);
        });
    }

    @Test
    void maskingInPiecesEqualsMaskingWhole() {
        qt().forAll(payloads(integers().between(0, 2000)), maskKeys(), cuts(64)).checkAssert((bytes, key, pieces) -> {
            byte[] whole = bytes.clone();
            Masking.mask(whole, 0, whole.length, key, 0);
            byte[] pieced = bytes.clone();
            int off = 0;
            for (int i = 0; off < pieced.length; i++) {
                int n = Math.min(pieces.get(i % pieces.size()), pieced.length - off);
                Masking.mask(pieced, off, n, key, off);
                off += n;
            }
            assertArrayEquals(whole, pieced);
        });
    }

    @Test
    void eachFlushIsOneMaskedBinaryFrameHoldingExactlyTheBytesWritten() {
        qt().withExamples(150).forAll(payloads(payloadSizes()), cuts(70_000)).checkAssert((packet, writes) -> {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            WebSocketOutputStream out = new WebSocketOutputStream(wire, new MaskKeys(new SecureRandom()), () -> { });
            try {
                for (int off = 0, i = 0; off < packet.length; i++) {
                    int n = Math.min(writes.get(i % writes.size()), packet.length - off);
                    out.write(packet, off, n);
                    off += n;
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] bytes = wire.toByteArray();
            if (packet.length == 0) {
                assertEquals(0, bytes.length, "nothing written, nothing sent");
                return;
            }
            FrameHeader h = decode(bytes);
            int hl = FrameHeader.length(h.payloadLength(), true);
            assertTrue(h.fin() && h.masked() && h.opcode() == Opcode.BINARY);
            assertEquals(packet.length, h.payloadLength());
            assertEquals(hl + packet.length, bytes.length, "one frame, nothing else");
            byte[] payload = Arrays.copyOfRange(bytes, hl, bytes.length);
            Masking.mask(payload, 0, payload.length, h.maskKey(), 0);
            assertArrayEquals(packet, payload);
        });
    }

    @Test
    void aServerFrameOfAnyLengthClassReadsBackWholeUnderAnySplitAndTimeouts() {
        qt().withExamples(150).forAll(payloads(payloadSizes()), cuts(9000), pattern(), cuts(20_000))
                .checkAssert((payload, chunks, timeouts, reads) -> {
                    byte[] wire = ScriptedWebSocketServer.frame(true, Opcode.BINARY, payload);
                    Reader r = new Reader(wire, chunks, timeouts);
                    assertArrayEquals(payload, r.readAll(reads));
                });
    }

    @Test
    void anyFragmentationAndSplittingReassemblesTheSameMqttPacketsAndAnswersEveryPing() {
        qt().forAll(mqttPackets(), cuts(400), frameCuts(100), pattern().zip(cuts(50), pattern(), cuts(64), Split::new))
                .checkAssert((packets, messageSizes, frameSizes, split) -> {
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    packets.forEach(all::writeBytes);
                    byte[] stream = all.toByteArray();
                    List<byte[]> pings = new ArrayList<>();
                    byte[] wire = frames(stream, messageSizes, frameSizes, split.pings(), pings);

                    Reader r = new Reader(wire, split.chunks(), split.timeouts());
                    byte[] got = r.readAll(split.reads());

                    assertArrayEquals(stream, got);
                    List<byte[]> reparsed = splitPackets(got);
                    assertEquals(packets.size(), reparsed.size());
                    for (int i = 0; i < packets.size(); i++) {
                        assertArrayEquals(packets.get(i), reparsed.get(i), "packet " + i);
                    }
                    List<byte[]> pongs = r.pongs();
                    assertEquals(pings.size(), pongs.size(), "one pong per ping");
                    for (int i = 0; i < pings.size(); i++) {
                        assertArrayEquals(pings.get(i), pongs.get(i), "pong " + i + " echoes its ping");
                    }
                });
    }

    @Test
    void arbitraryBytesFromTheServerEndInDataOrAnIoExceptionNeverAHang() {
        qt().forAll(payloads(integers().between(0, 3000)), cuts(64)).checkAssert((garbage, reads) -> {
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            WebSocketOutputStream out = new WebSocketOutputStream(sent, new MaskKeys(new SecureRandom()), () -> { });
            WebSocketInputStream in = new WebSocketInputStream(new InputBuffer(new java.io.ByteArrayInputStream(garbage),
                    1024), out, "ws://scripted/", 1 << 20, 1 << 20, () -> { });
            byte[] buf = new byte[64];
            long got = 0;
            try {
                for (int i = 0;; i++) {
                    int n = in.read(buf, 0, reads.get(i % reads.size()));
                    if (n < 0) {
                        break;
                    }
                    got += n;
                    assertTrue(got <= garbage.length, "never more payload than bytes received");
                }
            } catch (IOException e) {
                assertTrue(e.getMessage() != null && e.getMessage().contains("ws://scripted/"),
                        "the error names the server: " + e.getMessage());
            }
        });
    }

    /** How the byte stream is cut on its way and read at its end. */
    record Split(List<Boolean> pings, List<Integer> chunks, List<Boolean> timeouts, List<Integer> reads) {
    }

    /** A WebSocketInputStream over scripted bytes, its pongs captured. */
    private static final class Reader {
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final WebSocketInputStream in;
        private final int wireLength;

        Reader(byte[] wire, List<Integer> chunks, List<Boolean> timeouts) {
            this.wireLength = wire.length;
            InputStream source = new ChunkedInputStream(wire, chunks, timeouts);
            WebSocketOutputStream out = new WebSocketOutputStream(sent, new MaskKeys(new SecureRandom()), () -> { });
            in = new WebSocketInputStream(new InputBuffer(source, 1024), out, "ws://scripted/", Long.MAX_VALUE,
                    Long.MAX_VALUE, () -> { });
        }

        /** Reads to the end in reads of the given sizes, retrying after each timeout. */
        byte[] readAll(List<Integer> reads) {
            // Each read makes progress or meets one of the source's timeouts (at most one per chunk).
            long attemptLimit = 2L * wireLength + 10;
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[reads.stream().mapToInt(Integer::intValue).max().orElse(1)];
            for (int i = 0;; i++) {
                assertTrue(i < attemptLimit, "no progress after " + i + " reads");
                int n;
                try {
                    n = in.read(buf, 0, reads.get(i % reads.size()));
                } catch (SocketTimeoutException e) {
                    continue; // the next read must go on where this one stopped
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (n < 0) {
                    return got.toByteArray();
                }
                assertTrue(n > 0, "a read returns at least one byte or -1");
                got.write(buf, 0, n);
            }
        }

        /** The payloads of the pongs sent, in order. */
        List<byte[]> pongs() {
            List<byte[]> payloads = new ArrayList<>();
            byte[] bytes = sent.toByteArray();
            int off = 0;
            while (off < bytes.length) {
                FrameHeader h = decode(Arrays.copyOfRange(bytes, off, bytes.length));
                int hl = FrameHeader.length(h.payloadLength(), h.masked());
                assertTrue(h.masked(), "client frames are masked");
                assertEquals(Opcode.PONG, h.opcode());
                byte[] p = Arrays.copyOfRange(bytes, off + hl, off + hl + (int) h.payloadLength());
                Masking.mask(p, 0, p.length, h.maskKey(), 0);
                payloads.add(p);
                off += hl + p.length;
            }
            return payloads;
        }
    }

    /** Cuts a byte stream into messages and frames, with pings between frames where the pattern says. */
    private static byte[] frames(byte[] stream, List<Integer> messageSizes, List<Integer> frameSizes,
            List<Boolean> pingPattern, List<byte[]> pings) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int off = 0;
        int frame = 0;
        for (int m = 0; off < stream.length; m++) {
            int messageEnd = Math.min(stream.length, off + messageSizes.get(m % messageSizes.size()));
            boolean first = true;
            boolean lastWasEmpty = false;
            while (true) {
                int size = frameSizes.get(frame % frameSizes.size());
                if (size == 0 && lastWasEmpty) {
                    size = messageEnd - off; // never loop on empty frames forever
                }
                int end = Math.min(messageEnd, off + size);
                boolean fin = end == messageEnd;
                if (pingPattern.get(frame % pingPattern.size())) {
                    byte[] ping = {(byte) frame, (byte) (frame >> 8)};
                    pings.add(ping);
                    wire.writeBytes(ScriptedWebSocketServer.frame(true, Opcode.PING, ping));
                }
                wire.writeBytes(ScriptedWebSocketServer.frame(fin, first ? Opcode.BINARY : Opcode.CONTINUATION,
                        Arrays.copyOfRange(stream, off, end)));
                lastWasEmpty = end == off;
                off = end;
                first = false;
                frame++;
                if (fin) {
                    break;
                }
            }
        }
        return wire.toByteArray();
    }

    /** Splits a byte stream into MQTT packets by their remaining lengths. */
    private static List<byte[]> splitPackets(byte[] stream) {
        List<byte[]> packets = new ArrayList<>();
        int off = 0;
        while (off < stream.length) {
            int p = off + 1;
            int length = 0;
            int shift = 0;
            int b;
            do {
                b = stream[p++] & 0xFF;
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            packets.add(Arrays.copyOfRange(stream, off, p + length));
            off = p + length;
        }
        return packets;
    }

    private static void assertHeaderRoundTrip(boolean fin, int opcode, long length, Optional<Integer> key) {
        boolean masked = key.isPresent();
        byte[] b = new byte[FrameHeader.MAX_LENGTH];
        int n = FrameHeader.encode(b, 0, fin, opcode, length, masked, key.orElse(0));
        assertEquals(FrameHeader.length(length, masked), n);
        FrameHeader h = new FrameHeader();
        try {
            for (int prefix = 0; prefix < n; prefix++) {
                assertEquals(0, h.decode(b, 0, prefix), "a header cut at " + prefix + " of " + n + " needs more bytes");
            }
            assertEquals(n, h.decode(b, 0, n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(fin, h.fin());
        assertEquals(opcode, h.opcode());
        assertEquals(length, h.payloadLength());
        assertEquals(masked, h.masked());
        assertEquals(key.orElse(0), h.maskKey());
    }

    private static FrameHeader decode(byte[] bytes) {
        FrameHeader h = new FrameHeader();
        try {
            assertTrue(h.decode(bytes, 0, bytes.length) > 0, "a whole header");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return h;
    }
}

package umqtt.tests.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.transport.websocket.WebSocketTransportProvider;
import umqtt.transport.websocket.frame.CloseStatus;
import umqtt.transport.websocket.frame.FrameHeader;
import umqtt.transport.websocket.frame.Opcode;
import umqtt.tests.websocket.ScriptedWebSocketServer.ClientFrame;
import umqtt.tests.websocket.ScriptedWebSocketServer.Connection;

/** Frames a real broker will not send on request, from a scripted server, through the real transport. */
class WebSocketFramesTest {

    // CONNACK, session present 0, accepted: 20 02 00 00
    private static final byte[] CONNACK = {0x20, 0x02, 0x00, 0x00};
    // PUBLISH qos 0, topic "t", payload "hello": 30 08 00 01 74 68 65 6c 6c 6f
    private static final byte[] PUBLISH = {0x30, 0x08, 0x00, 0x01, 't', 'h', 'e', 'l', 'l', 'o'};

    private ScriptedWebSocketServer server;
    private Transport transport;
    private Connection peer;

    @BeforeEach
    void connect() throws Exception {
        server = new ScriptedWebSocketServer(ScriptedWebSocketServer.ACCEPT_MQTT);
        transport = new WebSocketTransportProvider(70_000, 100_000).open(URI.create(server.uri("/mqtt")),
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
    void eachFlushIsOneMaskedBinaryFrameWithAFreshKey() throws Exception {
        transport.output().write(new byte[] {(byte) 0xC0});
        transport.output().write(0x00);
        transport.output().flush(); // PINGREQ c0 00, written in two pieces
        transport.output().write(PUBLISH);
        transport.output().flush();
        ClientFrame ping = peer.read();
        ClientFrame publish = peer.read();
        assertTrue(ping.fin() && ping.masked() && ping.opcode() == Opcode.BINARY);
        assertArrayEquals(new byte[] {(byte) 0xC0, 0x00}, ping.payload());
        assertArrayEquals(PUBLISH, publish.payload());
        assertNotEquals(ping.maskKey(), publish.maskKey());
    }

    @Test
    void aPacketSplitOverContinuationFramesArrivesWhole() throws Exception {
        peer.send(false, Opcode.BINARY, Arrays.copyOfRange(PUBLISH, 0, 1));
        peer.send(false, Opcode.CONTINUATION, Arrays.copyOfRange(PUBLISH, 1, 4));
        peer.send(false, Opcode.CONTINUATION, new byte[0]);
        peer.send(true, Opcode.CONTINUATION, Arrays.copyOfRange(PUBLISH, 4, PUBLISH.length));
        assertArrayEquals(PUBLISH, transport.input().readNBytes(PUBLISH.length));
    }

    @Test
    void oneFrameHoldingTwoPacketsYieldsBoth() throws Exception {
        byte[] both = new byte[CONNACK.length + PUBLISH.length];
        System.arraycopy(CONNACK, 0, both, 0, CONNACK.length);
        System.arraycopy(PUBLISH, 0, both, CONNACK.length, PUBLISH.length);
        peer.send(true, Opcode.BINARY, both);
        assertArrayEquals(CONNACK, transport.input().readNBytes(CONNACK.length));
        assertArrayEquals(PUBLISH, transport.input().readNBytes(PUBLISH.length));
    }

    @Test
    void pingsBetweenFragmentsAreAnsweredWithMaskedPongsCarryingTheirPayload() throws Exception {
        peer.send(false, Opcode.BINARY, Arrays.copyOfRange(PUBLISH, 0, 3));
        peer.send(true, Opcode.PING, "are you there".getBytes(StandardCharsets.US_ASCII));
        peer.send(true, Opcode.PONG, "unsolicited".getBytes(StandardCharsets.US_ASCII));
        peer.send(true, Opcode.CONTINUATION, Arrays.copyOfRange(PUBLISH, 3, PUBLISH.length));
        peer.send(true, Opcode.PING, new byte[0]);
        peer.send(true, Opcode.BINARY, CONNACK);
        assertArrayEquals(PUBLISH, transport.input().readNBytes(PUBLISH.length));
        assertArrayEquals(CONNACK, transport.input().readNBytes(CONNACK.length));
        ClientFrame pong1 = peer.read();
        ClientFrame pong2 = peer.read();
        assertEquals(Opcode.PONG, pong1.opcode());
        assertTrue(pong1.masked() && pong2.masked(), "client frames must be masked");
        assertEquals("are you there", new String(pong1.payload(), StandardCharsets.US_ASCII));
        assertEquals(Opcode.PONG, pong2.opcode());
        assertEquals(0, pong2.payload().length);
    }

    @Test
    void aPingIsAnsweredByAvailableWithoutBlocking() throws Exception {
        peer.send(true, Opcode.PING, new byte[] {7});
        ClientFrame pong = null;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pong == null && System.nanoTime() < deadline) {
            assertEquals(0, transport.input().available());
            peer.socketTimeout(20);
            try {
                pong = peer.read();
            } catch (SocketTimeoutException e) {
                // Not yet processed: available() may have run before the ping arrived.
            }
        }
        assertTrue(pong != null && pong.opcode() == Opcode.PONG && pong.payload()[0] == 7, "no pong from available()");
    }

    @Test
    void theServersCloseFrameIsAnsweredAndReportedWithItsStatusAndReason() throws Exception {
        peer.send(true, Opcode.BINARY, CONNACK);
        peer.send(true, Opcode.CLOSE, ScriptedWebSocketServer.closePayload(1008, "not allowed"));
        assertArrayEquals(CONNACK, transport.input().readNBytes(CONNACK.length));
        EOFException e = assertThrows(EOFException.class, () -> transport.input().read());
        assertTrue(e.getMessage().contains("1008 (policy violation): not allowed"), e.getMessage());
        assertTrue(e.getMessage().contains("ws://127.0.0.1:" + server.port() + "/mqtt"), e.getMessage());
        ClientFrame reply = peer.read();
        assertEquals(Opcode.CLOSE, reply.opcode());
        assertEquals(1008, reply.closeStatus());
        EOFException again = assertThrows(EOFException.class, () -> transport.input().read());
        assertEquals(e.getMessage(), again.getMessage());
        assertThrows(IOException.class, () -> {
            transport.output().write(PUBLISH);
            transport.output().flush();
        }, "no data frame may follow our close frame");
    }

    @Test
    void anEmptyCloseFrameIsAnsweredWithNormalClosure() throws Exception {
        peer.send(true, Opcode.CLOSE, new byte[0]);
        EOFException e = assertThrows(EOFException.class, () -> transport.input().read());
        assertTrue(e.getMessage().contains("1005 (no status code)"), e.getMessage());
        assertEquals(CloseStatus.NORMAL, peer.read().closeStatus());
    }

    @Test
    void aCloseStatusNoFrameMayCarryIsAProtocolError() throws Exception {
        peer.send(true, Opcode.CLOSE, ScriptedWebSocketServer.closePayload(1006, "abnormal"));
        IOException e = assertThrows(IOException.class, () -> transport.input().read());
        assertTrue(e.getMessage().contains("status 1006, which no close frame may carry"), e.getMessage());
        assertEquals(CloseStatus.PROTOCOL_ERROR, peer.read().closeStatus());
    }

    @Test
    void closeSendsANormalCloseFrameThenClosesTheConnection() throws Exception {
        transport.close();
        ClientFrame close = peer.read();
        assertEquals(Opcode.CLOSE, close.opcode());
        assertTrue(close.masked());
        assertEquals(CloseStatus.NORMAL, close.closeStatus());
        assertTrue(peer.clientClosedTcp());
        transport.close(); // idempotent
    }

    @Test
    void aTextFrameIsAProtocolErrorClosedWith1003() throws Exception {
        peer.send(true, Opcode.TEXT, "{}".getBytes(StandardCharsets.US_ASCII));
        IOException e = assertThrows(IOException.class, () -> transport.input().read());
        assertTrue(e.getMessage().contains("text frame"), e.getMessage());
        assertEquals(CloseStatus.UNSUPPORTED_DATA, peer.read().closeStatus());
    }

    @Test
    void aMaskedServerFrameIsAProtocolError() throws Exception {
        byte[] frame = new byte[6 + CONNACK.length];
        FrameHeader.encode(frame, 0, true, Opcode.BINARY, CONNACK.length, true, 0);
        System.arraycopy(CONNACK, 0, frame, 6, CONNACK.length);
        peer.sendRaw(frame);
        IOException e = assertThrows(IOException.class, () -> transport.input().read());
        assertTrue(e.getMessage().contains("masked"), e.getMessage());
        assertEquals(CloseStatus.PROTOCOL_ERROR, peer.read().closeStatus());
    }

    @Test
    void reservedBitsAreAProtocolError() throws Exception {
        peer.sendRaw(new byte[] {(byte) 0xC2, 0x01, 0x00}); // FIN + RSV1, binary, 1 byte
        IOException e = assertThrows(IOException.class, () -> transport.input().read());
        assertTrue(e.getMessage().contains("reserved bits"), e.getMessage());
        assertEquals(CloseStatus.PROTOCOL_ERROR, peer.read().closeStatus());
    }

    @Test
    void aReservedOpcodeIsAProtocolError() throws Exception {
        peer.sendRaw(new byte[] {(byte) 0x83, 0x00}); // FIN, opcode 3
        IOException e = assertThrows(IOException.class, () -> transport.input().read());
        assertTrue(e.getMessage().contains("reserved opcode 0x3"), e.getMessage());
    }

    @Test
    void aFragmentedPingIsAProtocolError() throws Exception {
        peer.sendRaw(new byte[] {0x09, 0x00}); // ping without FIN
        IOException e = assertThrows(IOException.class, () -> transport.input().read());
        assertTrue(e.getMessage().contains("fragmented"), e.getMessage());
    }

    @Test
    void anOverlongControlFrameIsAProtocolError() throws Exception {
        peer.sendRaw(new byte[] {(byte) 0x89, 126, 0x00, (byte) 200}); // ping claiming 200 bytes
        IOException e = assertThrows(IOException.class, () -> transport.input().read());
        assertTrue(e.getMessage().contains("over 125 bytes"), e.getMessage());
    }

    @Test
    void aContinuationWithoutAMessageIsAProtocolError() throws Exception {
        peer.send(true, Opcode.CONTINUATION, CONNACK);
        IOException e = assertThrows(IOException.class, () -> transport.input().read());
        assertTrue(e.getMessage().contains("no fragmented message to continue"), e.getMessage());
    }

    @Test
    void aNewMessageInsideAFragmentedOneIsAProtocolError() throws Exception {
        peer.send(false, Opcode.BINARY, new byte[] {1});
        peer.send(true, Opcode.BINARY, new byte[] {2});
        InputStream in = transport.input();
        assertEquals(1, in.read());
        IOException e = assertThrows(IOException.class, in::read);
        assertTrue(e.getMessage().contains("before finishing the fragmented one"), e.getMessage());
    }

    @Test
    void aFrameOverTheLimitIsRefusedWith1009BeforeItsPayloadIsRead() throws Exception {
        peer.sendRaw(new byte[] {(byte) 0x82, 127, 0, 0, 0, 0, 0, 0x01, 0x11, 0x71}); // claims 70,001 bytes
        IOException e = assertThrows(IOException.class, () -> transport.input().read());
        assertTrue(e.getMessage().contains("frame of 70001 bytes; the limit is 70000 bytes"), e.getMessage());
        assertEquals(CloseStatus.TOO_BIG, peer.read().closeStatus());
    }

    @Test
    void aMessageOverTheLimitIsRefusedWith1009() throws Exception {
        peer.send(false, Opcode.BINARY, new byte[60_000]);
        peer.send(true, Opcode.CONTINUATION, new byte[60_000]);
        InputStream in = transport.input();
        assertEquals(60_000, in.readNBytes(60_000).length);
        IOException e = assertThrows(IOException.class, in::read);
        assertTrue(e.getMessage().contains("message of at least 120000 bytes; the limit is 100000"), e.getMessage());
        assertEquals(CloseStatus.TOO_BIG, peer.read().closeStatus());
    }

    @Test
    void aReadTimeoutInsideAFrameHeaderOrPayloadLosesNothing() throws Exception {
        // A 300-byte binary frame (16-bit length) dribbled out: 1 header byte, pause, the rest of
        // the header and half the payload, pause, the rest; a ping split the same way.
        byte[] payload = new byte[300];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        byte[] frame = ScriptedWebSocketServer.frame(true, Opcode.BINARY, payload);
        byte[] ping = ScriptedWebSocketServer.frame(true, Opcode.PING, new byte[] {1, 2, 3});
        transport.setReadTimeout(50);
        InputStream in = transport.input();
        byte[] got = new byte[payload.length];
        int n = 0;

        peer.sendRaw(Arrays.copyOfRange(ping, 0, 3));
        assertThrows(SocketTimeoutException.class, in::read);
        peer.sendRaw(Arrays.copyOfRange(ping, 3, ping.length));
        peer.sendRaw(Arrays.copyOfRange(frame, 0, 1));
        assertThrows(SocketTimeoutException.class, in::read);
        peer.sendRaw(Arrays.copyOfRange(frame, 1, 154));
        n += readUntilTimeout(in, got, n);
        assertEquals(150, n);
        peer.sendRaw(Arrays.copyOfRange(frame, 154, frame.length));
        transport.setReadTimeout(5_000);
        while (n < payload.length) {
            n += in.read(got, n, payload.length - n);
        }
        assertArrayEquals(payload, got);
        ClientFrame pong = peer.read();
        assertEquals(Opcode.PONG, pong.opcode());
        assertArrayEquals(new byte[] {1, 2, 3}, pong.payload());
    }

    @Test
    void theConnectionEndingInsideAFrameIsAnEofError() throws Exception {
        peer.sendRaw(Arrays.copyOfRange(ScriptedWebSocketServer.frame(true, Opcode.BINARY, PUBLISH), 0, 5));
        peer.closeQuietly();
        InputStream in = transport.input();
        assertEquals(PUBLISH[0], in.read());
        assertEquals(PUBLISH[1], in.read());
        assertEquals(PUBLISH[2], in.read());
        EOFException e = assertThrows(EOFException.class, in::read);
        assertTrue(e.getMessage().contains("in the middle of a WebSocket"), e.getMessage());
    }

    @Test
    void theConnectionEndingBetweenFramesIsAnEndOfStream() throws Exception {
        peer.send(true, Opcode.BINARY, CONNACK);
        peer.closeQuietly();
        assertArrayEquals(CONNACK, transport.input().readNBytes(4));
        assertEquals(-1, transport.input().read());
    }

    @Test
    void largePacketsUseTheSixteenAndSixtyFourBitLengths() throws Exception {
        byte[] medium = new byte[65_535];
        byte[] large = new byte[300_000];
        Arrays.fill(medium, (byte) 'm');
        Arrays.fill(large, (byte) 'L');
        transport.output().write(medium);
        transport.output().flush();
        transport.output().write(large);
        transport.output().flush();
        assertArrayEquals(medium, peer.read().payload());
        ClientFrame l = peer.read();
        assertTrue(l.fin() && l.opcode() == Opcode.BINARY);
        assertArrayEquals(large, l.payload());
        assertFalse(Arrays.equals(large, new byte[0]));
    }

    private static int readUntilTimeout(InputStream in, byte[] into, int off) throws IOException {
        int total = 0;
        while (true) {
            try {
                int n = in.read(into, off + total, into.length - off - total);
                if (n < 0) {
                    return total;
                }
                total += n;
            } catch (SocketTimeoutException e) {
                return total;
            }
        }
    }
}

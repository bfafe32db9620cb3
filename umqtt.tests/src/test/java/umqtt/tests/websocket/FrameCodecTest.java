package umqtt.tests.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import umqtt.transport.websocket.frame.FrameHeader;
import umqtt.transport.websocket.frame.Masking;
import umqtt.transport.websocket.frame.Opcode;

/** The examples of RFC 6455 section 5.7, byte for byte: the round-trip properties cannot catch a bug both directions share. */
class FrameCodecTest {

    @Test
    void unmaskedHello() throws Exception {
        // 0x81 0x05 0x48 0x65 0x6c 0x6c 0x6f: a single-frame unmasked text message "Hello"
        byte[] wire = {(byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};
        byte[] b = new byte[7];
        int n = FrameHeader.encode(b, 0, true, Opcode.TEXT, 5, false, 0);
        System.arraycopy("Hello".getBytes(StandardCharsets.US_ASCII), 0, b, n, 5);
        assertArrayEquals(wire, b);
    }

    @Test
    void maskedHello() throws Exception {
        // 0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58: masked "Hello", key 37 fa 21 3d
        byte[] wire = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};
        FrameHeader h = new FrameHeader();
        assertEquals(6, h.decode(wire, 0, wire.length));
        assertEquals(0x37fa213d, h.maskKey());
        byte[] payload = Arrays.copyOfRange(wire, 6, 11);
        Masking.mask(payload, 0, 5, h.maskKey(), 0);
        assertEquals("Hello", new String(payload, StandardCharsets.US_ASCII));
        byte[] b = new byte[11];
        FrameHeader.encode(b, 0, true, Opcode.TEXT, 5, true, 0x37fa213d);
        System.arraycopy("Hello".getBytes(StandardCharsets.US_ASCII), 0, b, 6, 5);
        Masking.mask(b, 6, 5, 0x37fa213d, 0);
        assertArrayEquals(wire, b);
    }

    @Test
    void fragmentedUnmaskedHello() throws Exception {
        // 0x01 0x03 0x48 0x65 0x6c ("Hel") then 0x80 0x02 0x6c 0x6f ("lo")
        FrameHeader h = new FrameHeader();
        assertEquals(2, h.decode(new byte[] {0x01, 0x03}, 0, 2));
        assertEquals(false, h.fin());
        assertEquals(Opcode.TEXT, h.opcode());
        assertEquals(2, h.decode(new byte[] {(byte) 0x80, 0x02}, 0, 2));
        assertEquals(true, h.fin());
        assertEquals(Opcode.CONTINUATION, h.opcode());
    }

    @Test
    void sixteenAndSixtyFourBitLengths() throws Exception {
        // 256 bytes binary: 0x82 0x7E 0x0100; 64 KiB binary: 0x82 0x7F 0x0000000000010000
        byte[] b = new byte[10];
        assertEquals(4, FrameHeader.encode(b, 0, true, Opcode.BINARY, 256, false, 0));
        assertArrayEquals(new byte[] {(byte) 0x82, 0x7E, 0x01, 0x00}, Arrays.copyOf(b, 4));
        assertEquals(10, FrameHeader.encode(b, 0, true, Opcode.BINARY, 65536, false, 0));
        assertArrayEquals(new byte[] {(byte) 0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0, 0}, b);
    }

    @Test
    void pingWithHello() throws Exception {
        // 0x89 0x05 "Hello": an unmasked ping
        FrameHeader h = new FrameHeader();
        assertEquals(2, h.decode(new byte[] {(byte) 0x89, 0x05}, 0, 2));
        assertEquals(Opcode.PING, h.opcode());
        assertEquals(5, h.payloadLength());
    }
}

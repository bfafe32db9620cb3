package umqtt.tests.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the data representations of MQTT 3.1.1 §1.5, and frames a body with its fixed header
 * (§2.2). The test side's own writer, sharing nothing with the main codec's buffer.
 */
final class WireOutput {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireOutput u8(int b) {
        out.write(b);
        return this;
    }

    /** §1.5.2. */
    WireOutput u16(int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException("a two-byte integer cannot hold " + v);
        }
        return u8(v >>> 8).u8(v & 0xFF);
    }

    /** §1.5.3: the UTF-8 form with its two-byte length. */
    WireOutput string(String s) {
        return binary(s.getBytes(StandardCharsets.UTF_8));
    }

    WireOutput binary(byte[] b) {
        return u16(b.length).bytes(b);
    }

    WireOutput bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /**
     * A whole packet: the first byte, the body's length as §2.2.3's algorithm writes it, the body.
     *
     * @param firstByte type and flags
     * @param body the variable header and payload
     * @return the packet's bytes
     */
    static byte[] packet(int firstByte, byte[] body) {
        return new WireOutput().u8(firstByte).remainingLength(body.length).bytes(body).toByteArray();
    }

    /** §2.2.3's algorithm: seven bits at a time, least significant first, the top bit set while more follow. */
    WireOutput remainingLength(int value) {
        int x = value;
        do {
            int digit = x % 128;
            x /= 128;
            u8(x > 0 ? digit | 0x80 : digit);
        } while (x > 0);
        return this;
    }
}

package umqtt.tests.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the data representations of MQTT 3.1.1 §1.5 and the remaining length of §2.2.3 from a
 * range of a byte array, refusing with {@link MalformedPacket} whatever the spec forbids. Strings
 * are checked with the JDK's strict UTF-8 decoder, independently of the main codec's validator.
 */
final class WireInput {

    private final byte[] bytes;
    private final int end;
    private int pos;

    WireInput(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
    }

    /** @return bytes left to read */
    int remaining() {
        return end - pos;
    }

    /** @return the next {@code n} bytes as their own reader */
    WireInput take(int n, String what) {
        need(n, what);
        pos += n;
        return new WireInput(bytes, pos - n, pos);
    }

    int u8(String what) {
        need(1, what);
        return bytes[pos++] & 0xFF;
    }

    /** §1.5.2: a two-byte integer, most significant byte first. */
    int u16(String what) {
        return u8(what) << 8 | u8(what);
    }

    /** §1.5.3: a two-byte length, then well-formed UTF-8 without U+0000 [MQTT-1.5.3-1], [MQTT-1.5.3-2]. */
    String string(String what) {
        byte[] raw = binary(what);
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPacket(what + " is not well-formed UTF-8 [MQTT-1.5.3-1]");
        }
        if (s.indexOf('\0') >= 0) {
            throw new MalformedPacket(what + " contains U+0000 [MQTT-1.5.3-2]");
        }
        return s;
    }

    /** A two-byte length, then that many bytes (as will messages and passwords are sent). */
    byte[] binary(String what) {
        int n = u16(what + " length");
        return rest(take(n, what));
    }

    /** @return every byte left */
    byte[] rest() {
        return rest(take(remaining(), "rest"));
    }

    /**
     * §2.2.3: seven bits a byte, least significant first, the top bit saying "more follows", at
     * most four bytes. A value longer than it needs to be is refused too: §2.2.3's algorithm
     * never writes one.
     */
    int remainingLength() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = u8("remaining length");
            value |= (b & 0x7F) << 7 * i;
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new MalformedPacket("remaining length " + value + " written in " + (i + 1)
                            + " bytes, more than it needs");
                }
                return value;
            }
        }
        throw new MalformedPacket("remaining length longer than 4 bytes [MQTT-2.2.3]");
    }

    /** Fails unless every byte was read. */
    void expectEnd(String what) {
        if (pos != end) {
            throw new MalformedPacket(what + " has " + (end - pos) + " bytes after its last field");
        }
    }

    private void need(int n, String what) {
        if (end - pos < n) {
            throw new MalformedPacket("the packet ends inside " + what + ": " + n + " bytes needed, "
                    + (end - pos) + " left");
        }
    }

    private static byte[] rest(WireInput in) {
        return Arrays.copyOfRange(in.bytes, in.pos, in.end);
    }
}

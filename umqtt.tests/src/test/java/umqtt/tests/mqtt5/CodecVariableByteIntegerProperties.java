package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import umqtt.api.MqttException;
import umqtt.mqtt5.codec.Strings;
import umqtt.mqtt5.codec.Wire;
import umqtt.simple.codec.PacketBuffer;

/**
 * MQTT 5.0, 1.5.5 Variable Byte Integer, as the MQTT 5 codec writes and reads it inside packets
 * (property lengths, property identifiers, Subscription Identifiers): 0 to 268,435,455 in at most
 * four bytes, "The encoded value MUST use the minimum number of bytes necessary to represent the
 * value [MQTT-1.5.5-1]". The standard words that as a duty of the sender; a receiver given a longer
 * form gets a packet that does not follow the standard, a Malformed Packet (4.13.1), and the
 * codec refuses it with 0x81, as the 3.1.1 codec does. Every one of the 268,435,456 values is checked.
 */
class CodecVariableByteIntegerProperties {

    private static final int MAX = 268_435_455;
    /** Table 1-1: the largest value of 1, 2, 3 and 4 bytes. */
    private static final List<Integer> BOUNDARIES = List.of(0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152,
            MAX - 1, MAX);

    /**
     * All 268,435,456 values, written by the codec, compared with the standard's algorithm, read
     * back: in eight slices of 2^25 values (about 2 s each), each well inside the test time limit.
     */
    @ParameterizedTest(name = "values {0} << 25 to the next slice")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void everyValueRoundTripsInTheMinimalNumberOfBytes(int slice) throws IOException {
        PacketBuffer out = new PacketBuffer(8);
        Capture written = new Capture();
        byte[] spec = new byte[4];
        int last = slice == 7 ? MAX : ((slice + 1) << 25) - 1;
        for (int value = slice << 25; value <= last; value++) {
            out.reset();
            Strings.putVbi(out, value);
            out.writeTo(written);
            int n = specEncode(value, spec);
            int expectedSize = value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
            if (n != expectedSize || written.length != n || !Arrays.equals(written.bytes, 0, n, spec, 0, n)) {
                fail(value + ": the codec wrote " + Mqtt5Wire.hex(Arrays.copyOf(written.bytes, written.length))
                        + ", the standard's algorithm " + Mqtt5Wire.hex(Arrays.copyOf(spec, n)) + ", minimal is "
                        + expectedSize + " bytes");
            }
            Wire in = new Wire(written.bytes, 0, n, "test");
            int read = in.vbi("value");
            if (read != value || in.remaining() != 0) {
                fail(value + " read back as " + read + " with " + in.remaining() + " bytes left");
            }
        }
    }

    @Test
    void theBoundariesOfTable1_1() {
        PacketBuffer out = new PacketBuffer(8);
        Sink sink = new Sink();
        for (int value : BOUNDARIES) {
            roundTrip(value, out, sink);
        }
        qt().withExamples(10_000).forAll(range(0, MAX)).checkAssert(value -> roundTrip(value, out, sink));
    }

    @Test
    void valuesOutsideTheRangeCannotBeWritten() {
        PacketBuffer out = new PacketBuffer(8);
        assertThrows(IllegalArgumentException.class, () -> Strings.putVbi(out, MAX + 1));
        assertThrows(IllegalArgumentException.class, () -> Strings.putVbi(out, -1));
    }

    @Test
    void fiveBytesAreMalformed() {
        // 1.5.5: "The maximum number of bytes in the Variable Byte Integer field is four."
        qt().forAll(range(0x80, 0xFF), range(0x80, 0xFF), range(0x80, 0xFF), range(0, 0xFF))
                .checkAssert((a, b, c, d) -> assertMalformed(new byte[] {b(a), b(b), b(c), b(0x80 | d), b(d & 0x7F)}));
    }

    @Test
    void nonMinimalEncodingsAreMalformed_MQTT_1_5_5_1() {
        // The value's own bytes with the last one continued, then 0x00 (and more 0x80 before it): longer than needed.
        qt().forAll(range(0, 2_097_151).mix(pick(BOUNDARIES.subList(0, 7)), 10), range(1, 3)).checkAssert((v, pad) -> {
            byte[] minimal = new Mqtt5Wire().vbi(v).toByteArray();
            if (minimal.length + pad > 4) {
                return;
            }
            byte[] longer = new byte[minimal.length + pad];
            System.arraycopy(minimal, 0, longer, 0, minimal.length);
            longer[minimal.length - 1] |= (byte) 0x80;
            for (int i = minimal.length; i < longer.length - 1; i++) {
                longer[i] = (byte) 0x80;
            }
            longer[longer.length - 1] = 0;
            assertMalformed(longer);
        });
    }

    @Test
    void aTruncatedIntegerIsMalformedNotAnEndlessWait() {
        // Inside a packet the bytes end with the packet: 1 to 3 bytes, each with the continuation bit.
        qt().forAll(range(1, 3), range(0x80, 0xFF)).checkAssert((n, b) -> {
            byte[] bytes = new byte[n];
            Arrays.fill(bytes, b((int) b));
            assertMalformed(bytes);
        });
        assertMalformed(new byte[0]);
    }

    @Test
    void aPropertyLengthOrSubscriptionIdentifierInItsLongFormIsRefusedInAPacket() {
        // PUBLISH "t" QoS 0 with property length 0 written in two bytes (80 00): MQTT-1.5.5-1.
        byte[] wire = Mqtt5Wire.packet(0x30, new Mqtt5Wire().string("t").u8(0x80).u8(0x00).toByteArray());
        assertEquals(0x81, Mqtt5Wire.refusal(wire).code());
        // PUBLISH with Subscription Identifier 1 written as 81 00.
        byte[] sid = Mqtt5Wire.packet(0x30, new Mqtt5Wire().string("t").u8(3).u8(0x0B).u8(0x81).u8(0x00).toByteArray());
        assertEquals(0x81, Mqtt5Wire.refusal(sid).code());
        // The same PUBLISH in the short forms decodes: the refusals above are about the long forms only.
        assertDoesNotThrow(() -> Mqtt5Wire.decode(Mqtt5Wire.packet(0x30, new Mqtt5Wire().string("t").u8(0)
                .toByteArray())));
        assertDoesNotThrow(() -> Mqtt5Wire.decode(Mqtt5Wire.packet(0x30, new Mqtt5Wire().string("t").u8(2).u8(0x0B)
                .u8(0x01).toByteArray())));
    }

    private static void roundTrip(int value, PacketBuffer out, Sink sink) {
        out.reset();
        sink.reset();
        Strings.putVbi(out, value);
        try {
            out.writeTo(sink);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        byte[] written = sink.toByteArray();
        int expectedSize = value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
        if (written.length != expectedSize) {
            assertEquals(expectedSize, written.length, "bytes for " + value);
        }
        byte[] spec = new Mqtt5Wire().vbi(value).toByteArray();
        if (!Arrays.equals(spec, written)) {
            assertArrayEquals(spec, written, "the standard's algorithm and the codec differ for " + value);
        }
        Wire in = new Wire(written, 0, written.length, "test");
        try {
            int read = in.vbi("value");
            if (read != value || in.remaining() != 0) {
                assertEquals(value, read);
                assertEquals(0, in.remaining());
            }
        } catch (MqttException e) {
            throw new AssertionError(value + " refused: " + e.getMessage(), e);
        }
    }

    private static void assertMalformed(byte[] bytes) {
        MqttException e = assertThrows(MqttException.class, () -> new Wire(bytes, 0, bytes.length, "test").vbi("value"),
                () -> Mqtt5Wire.hex(bytes));
        assertEquals(0x81, e.code(), e.getMessage());
    }

    private static byte b(int value) {
        return (byte) value;
    }

    /** A ByteArrayOutputStream reused across values. */
    private static final class Sink extends ByteArrayOutputStream {
    }

    /** Keeps the last write, with no allocation: 268 million of them. */
    private static final class Capture extends OutputStream {
        final byte[] bytes = new byte[8];
        int length;

        @Override
        public void write(int b) {
            bytes[0] = (byte) b;
            length = 1;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, bytes, 0, len);
            length = len;
        }
    }

    /** MQTT 5.0, 1.5.5's encoding algorithm into {@code to}; returns the byte count. */
    private static int specEncode(int x, byte[] to) {
        int n = 0;
        do {
            int encodedByte = x % 128;
            x = x / 128;
            if (x > 0) {
                encodedByte = encodedByte | 128;
            }
            to[n++] = (byte) encodedByte;
        } while (x > 0);
        return n;
    }
}

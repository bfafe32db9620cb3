package umqtt.tests.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static umqtt.tests.codec.CodecTheory.qt;
import static org.quicktheories.generators.Generate.range;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.simple.codec.RemainingLength;

/** MQTT 3.1.1 §2.2.3: the remaining length, 1 to 4 bytes, 0..268,435,455, minimal encoding only. */
class RemainingLengthProperties {

    @Test
    void roundTripsOverTheWholeRange() {
        qt().withExamples(20_000).forAll(PacketGenerators.remainingLengths()).checkAssert(value -> {
            byte[] buf = new byte[4];
            int end = RemainingLength.write(value, buf, 0);
            assertEquals(RemainingLength.size(value), end);
            long decoded = decode(buf, end);
            assertEquals(value, RemainingLength.value(decoded));
            assertEquals(end, RemainingLength.bytes(decoded));
        });
    }

    @Test
    void theMainCodecAndTheSpecsAlgorithmWriteAndReadTheSameBytes() {
        qt().withExamples(20_000).forAll(PacketGenerators.remainingLengths()).checkAssert(value -> {
            byte[] main = new byte[4];
            int end = RemainingLength.write(value, main, 0);
            byte[] spec = new WireOutput().remainingLength(value).toByteArray();
            assertArrayEquals(spec, Arrays.copyOf(main, end));
            WireInput in = new WireInput(spec, 0, spec.length);
            assertEquals(value, in.remainingLength());
            assertEquals(0, in.remaining());
        });
    }

    @Test
    void sizeChangesExactlyAtTheBoundaries() {
        // 127/128, 16383/16384, 2097151/2097152 are where one more byte is needed.
        int[][] expected = {{0, 1}, {127, 1}, {128, 2}, {16_383, 2}, {16_384, 3}, {2_097_151, 3}, {2_097_152, 4},
            {RemainingLength.MAX, 4}};
        for (int[] e : expected) {
            assertEquals(e[1], RemainingLength.size(e[0]), "size of " + e[0]);
        }
        byte[] max = new byte[4];
        RemainingLength.write(RemainingLength.MAX, max, 0);
        assertEquals("ffffff7f", hex(max)); // the spec's example for 268,435,455
    }

    @Test
    void valuesBeyondTheLimitCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> RemainingLength.size(RemainingLength.MAX + 1));
        assertThrows(IllegalArgumentException.class, () -> RemainingLength.write(-1, new byte[4], 0));
    }

    @Test
    void fiveByteEncodingsAreRejected() {
        // Four bytes with the continuation bit set, then anything: the length would need a fifth byte.
        qt().forAll(range(0x80, 0xFF), range(0x80, 0xFF), range(0, 0xFF)).checkAssert((a, b, c) -> {
            byte[] buf = {(byte) (int) a, (byte) (int) b, (byte) 0x80, (byte) 0xFF, (byte) (int) c};
            MqttException e = assertThrows(MqttException.class, () -> RemainingLength.decode(buf, 0, buf.length));
            assertEquals(MqttException.MALFORMED_PACKET, e.code());
        });
    }

    @Test
    void nonMinimalEncodingsAreRejected() {
        // The value written in its own bytes, then padded with continuation bytes and a final 0x00.
        qt().forAll(range(0, 2_097_151).flatMap(v -> range(1, 4 - RemainingLength.size(v)).map(pad -> new int[] {v, pad})))
                .checkAssert(vp -> {
                    int value = vp[0];
                    int pad = vp[1];
                    byte[] buf = new byte[4];
                    int end = RemainingLength.write(value, buf, 0);
                    buf[end - 1] |= (byte) 0x80;
                    for (int i = 0; i < pad - 1; i++) {
                        buf[end++] = (byte) 0x80;
                    }
                    buf[end++] = 0x00;
                    int n = end;
                    MqttException e = assertThrows(MqttException.class, () -> RemainingLength.decode(buf, 0, n));
                    assertEquals(MqttException.MALFORMED_PACKET, e.code());
                });
    }

    @Test
    void truncatedEncodingsAskForMoreBytes() {
        qt().forAll(range(128, RemainingLength.MAX)).checkAssert(value -> {
            byte[] buf = new byte[4];
            int end = RemainingLength.write(value, buf, 0);
            for (int cut = 0; cut < end; cut++) {
                assertEquals(RemainingLength.INCOMPLETE, decode(buf, cut));
            }
        });
    }

    private static long decode(byte[] buf, int len) {
        try {
            return RemainingLength.decode(buf, 0, len);
        } catch (MqttException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}

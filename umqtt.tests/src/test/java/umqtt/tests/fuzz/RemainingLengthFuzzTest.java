package umqtt.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import umqtt.api.MqttException;
import umqtt.simple.codec.RemainingLength;

/**
 * The remaining-length codec (MQTT 3.1.1 §2.2.3) under coverage-guided fuzzing: whatever the
 * bytes, {@code decode} asks for more, returns the one minimal encoding of a value in range, or
 * refuses with a malformed-packet {@link MqttException}; every value in range round-trips and
 * every value out of it is refused.
 */
class RemainingLengthFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void decodesGarbageOrRefusesIt(FuzzedDataProvider data) {
        int lead = data.consumeInt(0, 3);
        byte[] buf = data.consumeRemainingAsBytes();
        int off = Math.min(lead, buf.length);
        int len = buf.length - off;
        long decoded;
        try {
            decoded = RemainingLength.decode(buf, off, len);
        } catch (MqttException e) {
            assertEquals(MqttException.MALFORMED_PACKET, e.code(), e.getMessage());
            return;
        }
        if (decoded == RemainingLength.INCOMPLETE) {
            assertTrue(len < 4, "asked for more bytes although " + len + " were there");
            for (int i = off; i < buf.length; i++) {
                assertTrue((buf[i] & 0x80) != 0, "asked for more bytes after a final byte");
            }
            return;
        }
        int value = RemainingLength.value(decoded);
        int bytes = RemainingLength.bytes(decoded);
        assertTrue(value >= 0 && value <= RemainingLength.MAX, "value out of range: " + value);
        assertEquals(RemainingLength.size(value), bytes, "not the minimal encoding of " + value);
        byte[] again = new byte[4];
        int end = RemainingLength.write(value, again, 0);
        assertArrayEquals(Arrays.copyOfRange(buf, off, off + bytes), Arrays.copyOf(again, end),
                "decoded " + value + " from bytes that do not encode it");
    }

    @FuzzTest(maxDuration = "10m")
    void roundTripsEveryValueInRangeAndRefusesTheRest(int value) throws MqttException {
        if (value < 0 || value > RemainingLength.MAX) {
            assertThrows(IllegalArgumentException.class, () -> RemainingLength.size(value));
            assertThrows(IllegalArgumentException.class, () -> RemainingLength.write(value, new byte[4], 0));
            return;
        }
        byte[] buf = new byte[5];
        int end = RemainingLength.write(value, buf, 1);
        assertEquals(RemainingLength.size(value), end - 1);
        long decoded = RemainingLength.decode(buf, 1, end - 1);
        assertEquals(value, RemainingLength.value(decoded));
        assertEquals(end - 1, RemainingLength.bytes(decoded));
        for (int cut = 0; cut < end - 1; cut++) {
            assertEquals(RemainingLength.INCOMPLETE, RemainingLength.decode(buf, 1, cut), "cut at " + cut);
        }
    }
}

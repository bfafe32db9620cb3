package umqtt.tests.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.range;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.simple.codec.Decoder;
import umqtt.simple.codec.PacketReader;

/** Arbitrary bytes from a server: an MqttException or a packet, never anything else, never past the limit. */
class DecoderGarbageProperties {

    private static final int LIMIT = 4_096;
    private static final int INITIAL = 64;

    @Test
    void decodingAnyBodyFailsOnlyWithMqttException() {
        qt().withExamples(20_000).forAll(range(0, 255), PacketGenerators.anyBytes(300)).checkAssert((header, body) -> {
            try {
                Decoder.decode(header, body, 0, body.length);
            } catch (MqttException e) {
                assertEquals(MqttException.MALFORMED_PACKET, e.code());
                assertTrue(e.getMessage().startsWith("malformed packet: "), e.getMessage());
            }
        });
    }

    @Test
    void framingAnyStreamFailsOnlyWithMqttExceptionOrEndOfStreamAndStaysUnderTheLimit() {
        qt().withExamples(20_000).forAll(PacketGenerators.anyBytes(10_000)).checkAssert(bytes -> {
            PacketReader reader = new PacketReader(new ByteArrayInputStream(bytes), LIMIT, INITIAL);
            try {
                for (int i = 0; i <= bytes.length; i++) {
                    assertTrue(reader.next(), "a ByteArrayInputStream never times out");
                    assertTrue(reader.buffer().length <= LIMIT, "buffer grew to " + reader.buffer().length);
                    try {
                        Decoder.decode(reader.header(), reader.buffer(), reader.bodyOffset(), reader.bodyLength());
                    } catch (MqttException e) {
                        return;
                    }
                }
                fail("more packets than bytes");
            } catch (MqttException | EOFException expected) {
                assertTrue(reader.buffer().length <= Math.max(LIMIT, INITIAL));
            } catch (Exception e) {
                throw new AssertionError("unexpected " + e, e);
            }
        });
    }

    @Test
    void anOversizedPacketIsRefusedBeforeItsBodyIsRead() throws Exception {
        // PUBLISH with a remaining length of 268,435,455 (ff ff ff 7f) and no body at all.
        byte[] header = {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
        PacketReader reader = new PacketReader(new ByteArrayInputStream(header), LIMIT, INITIAL);
        MqttException e = org.junit.jupiter.api.Assertions.assertThrows(MqttException.class, reader::next);
        assertEquals(MqttException.PACKET_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("268435460 bytes") && e.getMessage().contains("limit of 4096"),
                e.getMessage());
        assertEquals(INITIAL, reader.buffer().length, "nothing was allocated for the body");
    }
}

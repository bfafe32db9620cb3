package umqtt.tests.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static umqtt.tests.codec.CodecTheory.qt;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import umqtt.api.MqttException;
import umqtt.simple.codec.PacketReader;

/**
 * Arbitrary bytes from a server, read by the main reader and decoded as the client routes them:
 * a packet or an {@link MqttException} (or the end of the stream), never anything else, never a
 * hang, never a buffer past the limit.
 */
// A hang fails the test; two minutes rather than the project's 60 s, as a loaded machine slows 50,000 examples.
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
class DecoderGarbageProperties {

    private static final int LIMIT = 4_096;
    private static final int INITIAL = 64;

    /** First bytes of the packets a server sends, flags as §2.2.2 requires, so bodies reach the decoder. */
    private static final List<Integer> SERVER_HEADERS = List.of(0x20, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x3A,
            0x3B, 0x3C, 0x3D, 0x40, 0x50, 0x62, 0x70, 0x90, 0xB0, 0xD0);

    @Test
    void anyBodyBehindAnyHeaderFailsOnlyAsMalformed() {
        qt().withExamples(20_000).forAll(range(0, 255).mix(pick(SERVER_HEADERS), 70), PacketGenerators.anyBytes(300))
                .checkAssert((header, body) -> {
                    PacketReader reader = reader(WireOutput.packet(header, body));
                    try {
                        assertTrue(reader.next());
                        MainDecoding.decode(reader);
                    } catch (MqttException e) {
                        assertEquals(MqttException.MALFORMED_PACKET, e.code(), e.getMessage());
                        assertTrue(e.getMessage().startsWith("malformed packet: "), e.getMessage());
                    } catch (Exception e) {
                        throw new AssertionError("unexpected " + e, e);
                    }
                });
    }

    @Test
    void framingAnyStreamFailsOnlyWithMqttExceptionOrEndOfStreamAndStaysUnderTheLimit() {
        qt().withExamples(20_000).forAll(PacketGenerators.anyBytes(10_000))
                .checkAssert(bytes -> readAll(new ByteArrayInputStream(bytes), bytes.length));
    }

    @Test
    void validServerPacketsWithBytesChangedFailOnlyWithMqttExceptionOrEndOfStreamHoweverTheyArrive() {
        // Mostly valid bytes reach deep into each decoder: lengths, ids, topics, UTF-8, codes; and
        // arriving in chunks with read timeouts between them, they go through the partial-packet path.
        qt().withExamples(10_000).forAll(PacketGenerators.listOf(PacketGenerators.serverPackets(), 3),
                PacketGenerators.listOf(range(0, Integer.MAX_VALUE), 3), PacketGenerators.anyBytes(3), range(1, 64))
                .checkAssert((packets, positions, values, chunk) -> {
                    WireOutput all = new WireOutput();
                    packets.forEach(p -> all.bytes(PacketEncoder.server(p)));
                    byte[] bytes = all.toByteArray();
                    for (int i = 0; i < values.length; i++) {
                        bytes[positions.get(i) % bytes.length] = values[i];
                    }
                    readAll(new Trickle(bytes, chunk), bytes.length);
                });
    }

    @Test
    void anOversizedPacketIsRefusedBeforeItsBodyIsRead() {
        // PUBLISH with a remaining length of 268,435,455 (ff ff ff 7f) and no body at all.
        byte[] header = {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
        PacketReader reader = reader(header);
        MqttException e = assertThrows(MqttException.class, reader::next);
        assertEquals(MqttException.PACKET_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("268435460 bytes") && e.getMessage().contains("limit of 4096"),
                e.getMessage());
        assertEquals(INITIAL, reader.buffer().length, "nothing was allocated for the body");
    }

    /**
     * Reads and decodes the {@code length} bytes of {@code in} until the client would give up: a
     * refusal or the end of the stream. Each read gives a packet, a timeout or at least one byte,
     * so more rounds than that mean the reader is stuck.
     */
    private static void readAll(InputStream in, int length) {
        PacketReader reader = new PacketReader(in, LIMIT, INITIAL);
        try {
            for (int round = 0; round <= 2 * length + 2; round++) {
                boolean packet = reader.next();
                assertTrue(reader.buffer().length <= LIMIT, "buffer grew to " + reader.buffer().length);
                if (packet && MainDecoding.decode(reader) == null) {
                    return; // a type only clients send: the client refuses it by type
                }
            }
            fail("no end after " + length + " bytes");
        } catch (MqttException | EOFException expected) {
            assertTrue(reader.buffer().length <= Math.max(LIMIT, INITIAL));
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }

    private static PacketReader reader(byte[] bytes) {
        return new PacketReader(new ByteArrayInputStream(bytes), LIMIT, INITIAL);
    }
}

package umqtt.tests.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.codec.CodecTheory.qt;
import static org.quicktheories.generators.Generate.range;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import umqtt.simple.codec.PacketBuffer;
import umqtt.simple.codec.PacketReader;

/**
 * Two implementations agree on every packet: what the main encoder writes for a client, the
 * test side's decoder (a strict server, written from the spec) reads back to the same values and
 * writes again byte for byte; what the test side's encoder writes for a server, the main reader
 * and decoder read back to the same values, however the stream is cut.
 */
class PacketRoundTripProperties {

    private static final int LIMIT = 1 << 20;

    @Test
    void everyClientPacketTheMainEncoderWritesIsReadBackBySpecAndWrittenAgainIdentically() {
        qt().withExamples(3_000).forAll(PacketGenerators.clientPackets()).checkAssert(p -> {
            byte[] wire = MainEncoding.encode(p);
            MqttPacket decoded = ClientPacketDecoder.decode(wire);
            assertEquals(p, decoded);
            assertArrayEquals(wire, PacketEncoder.client(decoded));
        });
    }

    @Test
    void clientPacketsWrittenOneAfterAnotherIntoOneBufferAreReadBackInOrder() {
        qt().withExamples(500).forAll(PacketGenerators.listOf(PacketGenerators.clientPackets(), 5)).checkAssert(packets -> {
            PacketBuffer all = new PacketBuffer(8);
            packets.forEach(p -> MainEncoding.encode(p, all));
            assertEquals(packets, ClientPacketDecoder.decodeAll(MainEncoding.bytes(all)));
        });
    }

    @Test
    void everyServerPacketIsReadBackByTheMainReaderAndDecoder() {
        qt().withExamples(3_000).forAll(PacketGenerators.serverPackets()).checkAssert(p -> {
            PacketReader reader = new PacketReader(new ByteArrayInputStream(PacketEncoder.server(p)), LIMIT, 16);
            assertEquals(p, next(reader));
            assertThrows(EOFException.class, reader::next);
        });
    }

    @Test
    void aServerStreamCutAnywhereWithTimeoutsInBetweenYieldsTheSamePackets() {
        qt().withExamples(500).forAll(PacketGenerators.listOf(PacketGenerators.serverPackets(), 5), range(1, 64))
                .checkAssert((packets, chunk) -> {
                    WireOutput all = new WireOutput();
                    packets.forEach(p -> all.bytes(PacketEncoder.server(p)));
                    PacketReader reader = new PacketReader(new Trickle(all.toByteArray(), chunk), LIMIT, 8);
                    List<MqttPacket> decoded = new ArrayList<>();
                    int timeouts = 0;
                    while (decoded.size() < packets.size()) {
                        MqttPacket p = next(reader);
                        if (p != null) {
                            decoded.add(p);
                        } else {
                            timeouts++;
                            assertTrue(timeouts < 1_000_000, "no progress");
                        }
                    }
                    assertEquals(packets, decoded);
                });
    }

    /** The next packet through the main reader and decoder, or null when the read timed out. */
    private static MqttPacket next(PacketReader reader) {
        try {
            return reader.next() ? MainDecoding.decode(reader) : null;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

package umqtt.tests.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.range;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import umqtt.simple.codec.Decoder;
import umqtt.simple.codec.Encoder;
import umqtt.simple.codec.Packet;
import umqtt.simple.codec.PacketBuffer;
import umqtt.simple.codec.PacketReader;

/** Every packet type survives encode, framing and decode unchanged, however the stream is cut. */
class PacketRoundTripProperties {

    @Test
    void everyPacketTypeRoundTrips() {
        qt().withExamples(3_000).forAll(PacketGenerators.packets()).checkAssert(p -> {
            byte[] wire = encode(p);
            PacketReader reader = new PacketReader(new ByteArrayInputStream(wire), 1 << 20, 16);
            Packet decoded = next(reader);
            assertEquals(p, decoded);
            assertArrayEquals(wire, encode(decoded));
            assertFalse(reader.hasBuffered());
        });
    }

    @Test
    void aStreamCutAnywhereWithTimeoutsInBetweenYieldsTheSamePackets() {
        qt().withExamples(500).forAll(PacketGenerators.listOf(PacketGenerators.packets(), 5), range(1, 64))
                .checkAssert((packets, chunk) -> {
                    PacketBuffer all = new PacketBuffer(64);
                    for (Packet p : packets) {
                        Encoder.encode(p, all);
                    }
                    PacketReader reader = new PacketReader(new Trickle(all.toByteArray(), chunk), 1 << 20, 8);
                    List<Packet> decoded = new ArrayList<>();
                    int timeouts = 0;
                    while (decoded.size() < packets.size()) {
                        Packet p = next(reader);
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

    /** The next packet, or null when the read timed out. */
    static Packet next(PacketReader reader) {
        try {
            return reader.next()
                    ? Decoder.decode(reader.header(), reader.buffer(), reader.bodyOffset(), reader.bodyLength()) : null;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] encode(Packet p) {
        PacketBuffer b = new PacketBuffer(8);
        Encoder.encode(p, b);
        return b.toByteArray();
    }

    /** Hands out at most {@code chunk} bytes per read and times out between reads, like a slow link. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int pos;
        private boolean timeoutNext;

        Trickle(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            timeoutNext = !timeoutNext;
            if (timeoutNext) {
                throw new SocketTimeoutException("simulated read timeout");
            }
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}

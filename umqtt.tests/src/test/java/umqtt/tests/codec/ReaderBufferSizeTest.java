package umqtt.tests.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import umqtt.simple.codec.PacketReader;

/**
 * The reader's buffer stays as small as the connection needs: an idle connection that only gets
 * acknowledgements keeps its starting size (what 10,000 connections of {@code umqtt bench conn}
 * hold), a stream of messages grows it to a few KB so a burst is read in few calls.
 */
class ReaderBufferSizeTest {

    private static final int LIMIT = 1 << 20;

    @Test
    void acknowledgementsArrivingOneByOneKeepTheStartingBuffer() throws IOException {
        ByteArrayOutputStream acks = new ByteArrayOutputStream();
        for (int id = 1; id <= 1000; id++) {
            acks.write(new byte[] {0x40, 2, (byte) (id >> 8), (byte) id}); // PUBACK
        }
        PacketReader reader = new PacketReader(new Trickle(acks.toByteArray(), 4), LIMIT, 256);
        assertEquals(1000, drain(reader));
        assertEquals(256, reader.buffer().length);
    }

    @Test
    void aQueuedStreamOfMessagesGrowsTheBufferToReadItInFewCalls() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            stream.write(publish("t", new byte[100]));
        }
        CountingStream in = new CountingStream(stream.toByteArray());
        PacketReader reader = new PacketReader(in, LIMIT, 256);
        assertEquals(1000, drain(reader));
        assertEquals(4096, reader.buffer().length, "grew while reads filled it, up to 4 KB");
        assertTrue(in.reads < 40, in.reads + " reads for " + stream.size() + " bytes");
    }

    @Test
    void aPacketLargerThanTheBufferStillGrowsItAsFarAsItNeeds() throws IOException {
        byte[] big = publish("t", new byte[10_000]);
        PacketReader reader = new PacketReader(new ByteArrayInputStream(big), LIMIT, 256);
        assertTrue(reader.next());
        assertEquals(big.length - 3, reader.bodyLength());
    }

    private static int drain(PacketReader reader) throws IOException {
        int packets = 0;
        long stalls = 0;
        while (true) {
            try {
                if (reader.next()) {
                    packets++;
                } else {
                    stalls++;
                }
            } catch (java.io.EOFException end) {
                return packets;
            }
            assertTrue(stalls < 1_000_000, "no progress");
        }
    }

    private static byte[] publish(String topic, byte[] payload) {
        int remaining = 2 + topic.length() + payload.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        do {
            int b = remaining % 128;
            remaining /= 128;
            out.write(remaining > 0 ? b | 0x80 : b);
        } while (remaining > 0);
        out.write(0);
        out.write(topic.length());
        out.writeBytes(topic.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Hands out as much as asked each read, and counts the reads. */
    private static final class CountingStream extends ByteArrayInputStream {
        int reads;

        CountingStream(byte[] data) {
            super(data);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            reads++;
            return super.read(b, off, len);
        }
    }
}

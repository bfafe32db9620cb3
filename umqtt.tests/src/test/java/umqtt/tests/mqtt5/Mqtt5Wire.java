package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import umqtt.api.MqttException;
import umqtt.mqtt5.codec.FrameReader;
import umqtt.mqtt5.codec.Packet;
import umqtt.simple.codec.PacketBuffer;

/**
 * MQTT 5 bytes written the way the standard describes them, independently of the codec under
 * test (1.5.5's encoding algorithm, two-byte lengths, big-endian integers), plus the codec's
 * encode and frame-then-decode paths, for the codec properties.
 */
final class Mqtt5Wire {

    /** The largest packet MQTT allows: a 1-byte header, 4 length bytes and 268,435,455 more. */
    static final long MQTT_MAX_PACKET = 1 + 4 + 268_435_455L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Mqtt5Wire u8(int b) {
        out.write(b);
        return this;
    }

    Mqtt5Wire u16(int v) {
        return u8(v >>> 8 & 0xFF).u8(v & 0xFF);
    }

    Mqtt5Wire u32(long v) {
        return u16((int) (v >>> 16 & 0xFFFF)).u16((int) (v & 0xFFFF));
    }

    /** MQTT 5.0 1.5.5: the encoding algorithm, word for word. */
    Mqtt5Wire vbi(int x) {
        do {
            int encodedByte = x % 128;
            x = x / 128;
            if (x > 0) {
                encodedByte = encodedByte | 128;
            }
            u8(encodedByte);
        } while (x > 0);
        return this;
    }

    Mqtt5Wire bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** A two-byte length, then the bytes (UTF-8 strings and binary data, MQTT 5.0 1.5.4 and 1.5.6). */
    Mqtt5Wire field(byte[] b) {
        return u16(b.length).bytes(b);
    }

    Mqtt5Wire string(String s) {
        return field(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    /** @return a whole packet: the first byte, the remaining length, the body */
    static byte[] packet(int firstByte, byte[] body) {
        return new Mqtt5Wire().u8(firstByte).vbi(body.length).bytes(body).toByteArray();
    }

    /** @return the bytes the codec writes for {@code p}, checked to be as many as the encoder says */
    static byte[] encode(Packet p) {
        PacketBuffer buffer = new PacketBuffer(16);
        int size = ServerCodec.encode(p, buffer);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            buffer.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(bytes.size(), size, "the size PacketEncoder.encode returns for " + p);
        return bytes.toByteArray();
    }

    /** @return the one packet {@code wire} holds, framed and decoded as the client reads it */
    static Packet decode(byte[] wire) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(wire), MQTT_MAX_PACKET, 16);
        assertTrue(reader.next(), "a whole packet");
        Packet p = ServerCodec.decode(reader);
        assertTrue(reader.received() == wire.length, "the packet is all of the bytes");
        return p;
    }

    /** @return the decode failure of {@code wire}; fails the test when it decodes */
    static MqttException refusal(byte[] wire) {
        try {
            Packet p = decode(wire);
            throw new AssertionError("decoded " + p + " from " + hex(wire));
        } catch (MqttException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("not an MqttException: " + e + " from " + hex(wire), e);
        }
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 64); i++) {
            s.append(String.format("%02x ", b[i]));
        }
        return s.append(b.length > 64 ? "... (" + b.length + " bytes)" : "").toString().trim();
    }

    /** @return the bytes this thread has allocated so far (HotSpot's count) */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}

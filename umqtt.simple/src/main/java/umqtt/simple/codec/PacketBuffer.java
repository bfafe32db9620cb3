package umqtt.simple.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that outbound packets are encoded into, reused packet after packet so
 * that encoding allocates nothing once it has grown to the working size.
 */
public final class PacketBuffer {

    private byte[] buf;
    private int len;

    /**
     * Creates a buffer.
     *
     * @param initialCapacity the starting size in bytes
     */
    public PacketBuffer(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    /** Empties the buffer, keeping its storage. */
    public void reset() {
        len = 0;
    }

    /**
     * Appends one byte.
     *
     * @param b the byte (low 8 bits)
     * @return this buffer
     */
    public PacketBuffer put(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    /**
     * Appends a two-byte big-endian integer.
     *
     * @param v 0..65535
     * @return this buffer
     */
    public PacketBuffer putShort(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /**
     * Appends bytes.
     *
     * @param b the bytes
     * @param off the start
     * @param n how many
     * @return this buffer
     */
    public PacketBuffer put(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /**
     * Appends an MQTT string or binary field: a two-byte length, then the bytes.
     *
     * @param b at most 65535 bytes
     * @return this buffer
     */
    public PacketBuffer putField(byte[] b) {
        putShort(b.length);
        return put(b, 0, b.length);
    }

    /**
     * Appends a fixed header: the first byte and the remaining length.
     *
     * @param firstByte type and flags
     * @param remainingLength 0..{@link RemainingLength#MAX}
     * @return this buffer
     */
    public PacketBuffer putFixedHeader(int firstByte, int remainingLength) {
        ensure(5);
        buf[len++] = (byte) firstByte;
        len = RemainingLength.write(remainingLength, buf, len);
        return this;
    }

    /**
     * Writes the contents to {@code out} in one call.
     *
     * @param out the stream
     * @throws IOException from the stream
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }


    private void ensure(int n) {
        if (buf.length - len < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}

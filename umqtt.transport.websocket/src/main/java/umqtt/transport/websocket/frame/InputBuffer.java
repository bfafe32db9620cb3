package umqtt.transport.websocket.frame;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A read buffer over the transport underneath, shared by the HTTP upgrade and the frame reader so
 * that bytes the server sends right after its 101 response are not lost.
 *
 * <p>Nothing here consumes bytes on its own: a read that times out leaves every buffered byte in
 * place, which is what lets a frame header or a control frame split across a timeout be decoded
 * whole on the next attempt.
 */
public final class InputBuffer {

    /** The default capacity: big enough for a header plus a whole control frame, many times over. */
    public static final int DEFAULT_CAPACITY = 16 * 1024;

    // Compact before the free tail gets too small for a header plus a control frame to arrive whole.
    private static final int COMPACT_BELOW = 256;

    private final InputStream source;
    private final byte[] buf;
    private int pos;
    private int limit;

    /**
     * Creates a buffer.
     *
     * @param source the stream underneath
     * @param capacity the buffer size; at least {@link FrameHeader#MAX_LENGTH} +
     *     {@link FrameHeader#MAX_CONTROL_PAYLOAD}
     */
    public InputBuffer(InputStream source, int capacity) {
        this.source = Objects.requireNonNull(source, "source");
        if (capacity < FrameHeader.MAX_LENGTH + FrameHeader.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("capacity must hold a whole control frame but was " + capacity);
        }
        this.buf = new byte[capacity];
    }

    /**
     * The buffer's array; valid bytes are from {@link #position()} to {@link #limit()}.
     *
     * @return the array
     */
    public byte[] array() {
        return buf;
    }

    /**
     * The first unconsumed byte.
     *
     * @return the index
     */
    public int position() {
        return pos;
    }

    /**
     * One past the last buffered byte.
     *
     * @return the index
     */
    public int limit() {
        return limit;
    }

    /**
     * How many bytes are buffered.
     *
     * @return the count
     */
    public int buffered() {
        return limit - pos;
    }

    /**
     * The buffer's size.
     *
     * @return the capacity
     */
    public int capacity() {
        return buf.length;
    }

    /**
     * Consumes {@code n} buffered bytes.
     *
     * @param n at most {@link #buffered()}
     */
    public void skip(int n) {
        if (n < 0 || n > limit - pos) {
            throw new IllegalArgumentException("cannot skip " + n + " of " + (limit - pos) + " buffered bytes");
        }
        pos += n;
    }

    /**
     * Copies and consumes {@code n} buffered bytes.
     *
     * @param dst where to copy
     * @param off where in {@code dst}
     * @param n at most {@link #buffered()}
     */
    public void take(byte[] dst, int off, int n) {
        System.arraycopy(buf, pos, dst, off, n);
        skip(n);
    }

    /**
     * Reads more bytes from the source into the buffer, blocking until at least one arrives.
     *
     * @return the number of bytes added, or -1 at the end of the stream
     * @throws IOException from the source, including {@link java.net.SocketTimeoutException}
     *     (then nothing changed)
     * @throws IllegalStateException when the buffer is full of unconsumed bytes
     */
    public int fill() throws IOException {
        makeRoom();
        int n = source.read(buf, limit, buf.length - limit);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    /**
     * Reads what the source can give without blocking.
     *
     * @return the number of bytes added (0 when none is ready), or -1 at the end of the stream
     * @throws IOException from the source
     */
    public int fillAvailable() throws IOException {
        int ready = source.available();
        if (ready <= 0) {
            return 0;
        }
        makeRoom();
        int n = source.read(buf, limit, Math.min(ready, buf.length - limit));
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    /**
     * Reads straight from the source into the caller's array, for payloads too big to be worth
     * copying through the buffer. Only when nothing is buffered.
     *
     * @param dst where to read
     * @param off where in {@code dst}
     * @param len the most to read
     * @return the number of bytes read, or -1 at the end of the stream
     * @throws IOException from the source
     */
    public int readDirect(byte[] dst, int off, int len) throws IOException {
        if (pos != limit) {
            throw new IllegalStateException("bytes are buffered: take them first");
        }
        return source.read(dst, off, len);
    }

    /**
     * How many bytes the source can give without blocking.
     *
     * @return the estimate
     * @throws IOException from the source
     */
    public int sourceAvailable() throws IOException {
        return source.available();
    }

    private void makeRoom() {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        } else if (buf.length - limit < COMPACT_BELOW) {
            if (pos == 0 && limit == buf.length) {
                throw new IllegalStateException("the input buffer is full of unconsumed bytes");
            }
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
    }
}

package umqtt.transport.websocket.frame;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's side of the framing: bytes written are collected until {@link #flush()}, which
 * sends them as one masked binary frame.
 *
 * <p>Why one frame per flush: the MQTT client writes a whole packet and then flushes, so each
 * packet becomes exactly one WebSocket message of one frame, which is what brokers expect.
 * Masking needs a copy of the payload anyway (the caller's array must not be changed), so
 * collecting the packet costs no extra copy: it is masked in place in this stream's buffer,
 * behind room kept free for the header, and written with one call. The buffer is reused; it
 * grows for a large packet and is given back after one over {@link #RETAINED_CAPACITY}.
 *
 * <p>Control frames (pong, close) are written from the reading side, possibly while a packet is
 * half collected here; they go out at once from their own buffer, and every write to the stream
 * underneath holds this stream's lock, so frames never interleave.
 *
 * <p>After a write to the stream underneath failed, the connection is taken as broken: the close
 * frame of {@link #trySendClose} is then skipped, so closing never waits on a dead peer.
 */
public final class WebSocketOutputStream extends OutputStream {

    /** The buffer size kept between packets. */
    public static final int RETAINED_CAPACITY = 64 * 1024;

    private static final int INITIAL_CAPACITY = 8 * 1024;
    private static final int MAX_PAYLOAD = Integer.MAX_VALUE - 64;

    private final OutputStream out;
    private final MaskKeys keys;
    private final Runnable onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] control = new byte[FrameHeader.MAX_LENGTH + FrameHeader.MAX_CONTROL_PAYLOAD];
    private byte[] buf = new byte[FrameHeader.MAX_LENGTH + INITIAL_CAPACITY];
    private int count;
    private boolean closeSent;
    private boolean broken;
    private volatile Runnable afterDataFrame = () -> { };

    /**
     * Creates the stream.
     *
     * @param out the transport's stream underneath
     * @param keys the masking key source
     * @param onClose what {@link #close()} does (closing the whole transport, as a socket's
     *     stream does)
     */
    public WebSocketOutputStream(OutputStream out, MaskKeys keys, Runnable onClose) {
        this.out = Objects.requireNonNull(out, "out");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    @Override
    public void write(int b) throws IOException {
        lock.lock();
        try {
            ensureRoom(1);
            buf[FrameHeader.MAX_LENGTH + count++] = (byte) b;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        lock.lock();
        try {
            ensureRoom(len);
            System.arraycopy(b, off, buf, FrameHeader.MAX_LENGTH + count, len);
            count += len;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends what was written since the last flush as one masked binary frame, then flushes the
     * stream underneath. Does nothing but flush when nothing was written.
     *
     * @throws IOException from the stream underneath, or when the closing handshake has begun
     */
    @Override
    public void flush() throws IOException {
        boolean sent = false;
        lock.lock();
        try {
            if (count > 0) {
                sent = true;
                checkOpen();
                int key = keys.next();
                int headerLength = FrameHeader.length(count, true);
                int start = FrameHeader.MAX_LENGTH - headerLength;
                FrameHeader.encode(buf, start, true, Opcode.BINARY, count, true, key);
                Masking.mask(buf, FrameHeader.MAX_LENGTH, count, key, 0);
                int total = headerLength + count;
                count = 0;
                send(buf, start, total);
                if (buf.length > FrameHeader.MAX_LENGTH + RETAINED_CAPACITY) {
                    buf = new byte[FrameHeader.MAX_LENGTH + INITIAL_CAPACITY];
                }
            } else {
                send(buf, 0, 0);
            }
        } finally {
            lock.unlock();
        }
        if (sent) {
            afterDataFrame.run();
        }
    }

    /**
     * Sets what runs after each data frame was sent, outside this stream's lock: the transport
     * answers the pings that arrived meanwhile, so a client that only sends still answers them.
     *
     * @param hook what to run; it must not block
     */
    public void afterEachDataFrame(Runnable hook) {
        this.afterDataFrame = Objects.requireNonNull(hook, "hook");
    }

    /**
     * Sends a masked control frame at once.
     *
     * @param opcode {@link Opcode#PING}, {@link Opcode#PONG} (close has {@link #sendClose})
     * @param payload the payload bytes, at most 125
     * @param off where in {@code payload}
     * @param len how many bytes
     * @throws IOException from the stream underneath, or when the closing handshake has begun
     */
    public void sendControl(int opcode, byte[] payload, int off, int len) throws IOException {
        if (opcode == Opcode.CLOSE || !Opcode.isControl(opcode) || !Opcode.isDefined(opcode)) {
            throw new IllegalArgumentException("not a ping or pong opcode: " + Opcode.describe(opcode));
        }
        lock.lock();
        try {
            checkOpen();
            writeControl(opcode, payload, off, len);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends the close frame once; later calls do nothing. No data frame may follow it.
     *
     * @param status the status code, or {@link CloseStatus#NO_STATUS} for an empty close frame
     * @param reason a short reason (cut to fit 123 bytes of UTF-8)
     * @throws IOException from the stream underneath
     */
    public void sendClose(int status, String reason) throws IOException {
        lock.lock();
        try {
            writeClose(status, reason);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends the close frame unless it was sent already, the connection is broken, or another
     * thread is writing (closing must not wait behind a write stuck on a dead peer).
     *
     * @param status the status code
     * @return whether the close frame went out
     */
    public boolean trySendClose(int status) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (closeSent || broken) {
                return false;
            }
            writeClose(status, "");
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the close frame was sent.
     *
     * @return true after {@link #sendClose}
     */
    public boolean closeSent() {
        lock.lock();
        try {
            return closeSent;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the whole transport, as closing a socket's stream closes the socket. */
    @Override
    public void close() {
        onClose.run();
    }

    private void writeClose(int status, String reason) throws IOException {
        if (closeSent) {
            return;
        }
        closeSent = true;
        if (status == CloseStatus.NO_STATUS) {
            writeControl(Opcode.CLOSE, control, 0, 0);
            return;
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int textLength = Math.min(text.length, FrameHeader.MAX_CONTROL_PAYLOAD - 2);
        byte[] payload = new byte[2 + textLength];
        payload[0] = (byte) (status >>> 8);
        payload[1] = (byte) status;
        System.arraycopy(text, 0, payload, 2, textLength);
        writeControl(Opcode.CLOSE, payload, 0, payload.length);
    }

    private void send(byte[] bytes, int off, int len) throws IOException {
        if (broken) {
            throw new IOException("the WebSocket connection broke on an earlier write");
        }
        try {
            if (len > 0) {
                out.write(bytes, off, len);
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    private void writeControl(int opcode, byte[] payload, int off, int len) throws IOException {
        if (len > FrameHeader.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("a control frame's payload is at most 125 bytes but was " + len);
        }
        int key = keys.next();
        int headerLength = FrameHeader.encode(control, 0, true, opcode, len, true, key);
        System.arraycopy(payload, off, control, headerLength, len);
        Masking.mask(control, headerLength, len, key, 0);
        send(control, 0, headerLength + len);
    }

    private void checkOpen() throws IOException {
        if (closeSent) {
            throw new IOException("the WebSocket is closing: no data can be sent after the close frame");
        }
    }

    private void ensureRoom(int len) {
        int needed = count + len;
        if (needed < 0 || needed > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a packet of more than " + MAX_PAYLOAD
                    + " bytes cannot be sent in one WebSocket frame");
        }
        int capacity = buf.length - FrameHeader.MAX_LENGTH;
        if (needed > capacity) {
            int grown = (int) Math.min(MAX_PAYLOAD, Math.max(needed, 2L * capacity));
            buf = Arrays.copyOf(buf, FrameHeader.MAX_LENGTH + grown);
        }
    }
}

package umqtt.transport.websocket.frame;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's side of the framing, reading: yields the payload bytes of the server's binary
 * messages as one continuous stream. MQTT is a byte stream, so a packet split over frames or
 * messages, and a frame holding several packets, need no special handling: the frame boundaries
 * simply disappear.
 *
 * <p>Control frames are handled on the way, on the reading thread: a ping is answered with a pong,
 * a pong is ignored, a close frame is answered with a close frame and then every read fails with
 * an {@link EOFException} that carries the server's status code and reason. A broken rule of
 * RFC 6455 (a text frame, a masked frame, a reserved bit or opcode, a fragmented or over-long
 * control frame, a continuation out of place, a frame or message over the limits, a close reason
 * that is not UTF-8) closes the WebSocket with the matching status code and fails with a
 * {@link WebSocketProtocolException}.
 *
 * <p>Read timeouts lose nothing: a frame header or control frame is decoded only once it is wholly
 * buffered, and the count of payload bytes still due in the current frame is only lowered by the
 * bytes actually handed out, so a {@link java.net.SocketTimeoutException} can strike anywhere.
 */
public final class WebSocketInputStream extends InputStream {

    private final InputBuffer in;
    private final WebSocketOutputStream out;
    private final String peer;
    private final long maxFrameSize;
    private final long maxMessageSize;
    private final Runnable onClose;
    private final FrameHeader header = new FrameHeader();
    private final byte[] one = new byte[1];
    private final ReentrantLock lock = new ReentrantLock();

    private long remaining;
    private boolean inMessage;
    private long messageSize;
    private IOException failure;

    /**
     * Creates the stream.
     *
     * @param in the buffered bytes from the server (possibly holding some already)
     * @param out where pongs and close frames go
     * @param peer the server for error messages, e.g. {@code ws://host:80/mqtt} (no secrets)
     * @param maxFrameSize the largest frame payload accepted
     * @param maxMessageSize the largest message (all its frames) accepted
     * @param onClose what {@link #close()} does (closing the whole transport)
     */
    public WebSocketInputStream(InputBuffer in, WebSocketOutputStream out, String peer, long maxFrameSize,
            long maxMessageSize, Runnable onClose) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.maxFrameSize = maxFrameSize;
        this.maxMessageSize = maxMessageSize;
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    @Override
    public int read() throws IOException {
        lock.lock();
        try {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (remaining == 0) {
                if (!nextFrame(true)) {
                    return -1;
                }
            }
            int n = (int) Math.min(len, remaining);
            if (in.buffered() == 0) {
                if (n >= in.capacity() / 2) {
                    int got = in.readDirect(b, off, n);
                    if (got < 0) {
                        throw fail(truncated());
                    }
                    remaining -= got;
                    return got;
                }
                if (in.fill() < 0) {
                    throw fail(truncated());
                }
            }
            n = Math.min(n, in.buffered());
            in.take(b, off, n);
            remaining -= n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The payload bytes that can be read without blocking. Handles control frames and frame
     * headers that have already arrived, so a waiting ping is answered here too.
     */
    @Override
    public int available() throws IOException {
        lock.lock();
        try {
            if (failure != null) {
                return 0;
            }
            while (remaining == 0) {
                if (!nextFrame(false)) {
                    return 0;
                }
            }
            long ready = in.buffered() > 0 ? in.buffered() : in.sourceAvailable();
            return (int) Math.min(remaining, ready);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Handles the control frames that have already arrived ahead of any data, without blocking and
     * only when no other thread is reading: a waiting ping is answered, a close frame is answered
     * and kept for the next read. Called after each frame we send, so a client that only publishes
     * (and so never reads) still answers the server's pings. A failure is kept for the next read.
     */
    public void handleWaitingControlFrames() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            while (failure == null && remaining == 0 && nextFrame(false)) {
                // A control frame was handled, or a data frame's header read: its payload waits for the reader.
            }
        } catch (IOException | RuntimeException e) {
            // Kept in failure (or met again) by the next read, on the reading thread, where it belongs.
        } finally {
            lock.unlock();
        }
    }

    /** Closes the whole transport, as closing a socket's stream closes the socket. */
    @Override
    public void close() {
        onClose.run();
    }

    /**
     * Decodes the next frame: a data frame sets up its payload to be read, a control frame is
     * handled whole.
     *
     * @param block whether to wait for bytes, or to use only those already there
     * @return true when a frame was handled; false at the end of the stream at a message
     *     boundary, or when not blocking and no whole frame header is there yet
     */
    private boolean nextFrame(boolean block) throws IOException {
        if (failure != null) {
            throw rethrow();
        }
        int headerLength;
        try {
            headerLength = header.decode(in.array(), in.position(), in.buffered());
        } catch (WebSocketProtocolException e) {
            throw fail(e);
        }
        while (headerLength == 0) {
            int n = block ? in.fill() : in.fillAvailable();
            if (n < 0) {
                if (in.buffered() == 0 && !inMessage) {
                    return false;
                }
                throw fail(truncated());
            }
            if (n == 0) {
                return false;
            }
            try {
                headerLength = header.decode(in.array(), in.position(), in.buffered());
            } catch (WebSocketProtocolException e) {
                throw fail(e);
            }
        }
        int opcode = header.opcode();
        long length = header.payloadLength();
        if (header.masked()) {
            throw fail(new WebSocketProtocolException(CloseStatus.PROTOCOL_ERROR,
                    "the server sent a masked " + Opcode.describe(opcode) + " frame; servers must not mask"));
        }
        if (Opcode.isControl(opcode)) {
            int total = headerLength + (int) length;
            while (in.buffered() < total) {
                int n = block ? in.fill() : in.fillAvailable();
                if (n < 0) {
                    throw fail(truncated());
                }
                if (n == 0) {
                    return false;
                }
            }
            int payload = in.position() + headerLength;
            in.skip(total);
            handleControl(opcode, in.array(), payload, (int) length);
            return true;
        }
        checkData(opcode, length);
        in.skip(headerLength);
        messageSize = opcode == Opcode.BINARY ? length : messageSize + length;
        inMessage = !header.fin();
        remaining = length;
        return true;
    }

    private void checkData(int opcode, long length) throws IOException {
        if (opcode == Opcode.TEXT) {
            throw fail(new WebSocketProtocolException(CloseStatus.UNSUPPORTED_DATA,
                    "the server sent a text frame; MQTT over WebSocket uses binary frames only"));
        }
        if (opcode == Opcode.BINARY && inMessage) {
            throw fail(new WebSocketProtocolException(CloseStatus.PROTOCOL_ERROR,
                    "the server began a new message before finishing the fragmented one"));
        }
        if (opcode == Opcode.CONTINUATION && !inMessage) {
            throw fail(new WebSocketProtocolException(CloseStatus.PROTOCOL_ERROR,
                    "the server sent a continuation frame with no fragmented message to continue"));
        }
        if (length > maxFrameSize) {
            throw fail(new WebSocketProtocolException(CloseStatus.TOO_BIG, "the server sent a frame of "
                    + length + " bytes; the limit is " + maxFrameSize + " bytes"));
        }
        long size = opcode == Opcode.BINARY ? length : messageSize + length;
        if (size > maxMessageSize) {
            throw fail(new WebSocketProtocolException(CloseStatus.TOO_BIG, "the server sent a message of at least "
                    + size + " bytes; the limit is " + maxMessageSize + " bytes"));
        }
    }

    private void handleControl(int opcode, byte[] bytes, int off, int len) throws IOException {
        switch (opcode) {
            case Opcode.PING -> {
                if (!out.closeSent()) {
                    out.sendControl(Opcode.PONG, bytes, off, len);
                }
            }
            case Opcode.PONG -> {
                // Unsolicited pongs are allowed as heartbeats; we never ping, so nothing waits for one.
            }
            case Opcode.CLOSE -> {
                if (len == 1) {
                    throw fail(new WebSocketProtocolException(CloseStatus.PROTOCOL_ERROR,
                            "the server sent a close frame with a 1-byte payload"));
                }
                int status = len == 0 ? CloseStatus.NO_STATUS : (bytes[off] & 0xFF) << 8 | (bytes[off + 1] & 0xFF);
                String reason = len > 2 ? utf8(bytes, off + 2, len - 2) : "";
                if (reason == null) {
                    throw fail(new WebSocketProtocolException(CloseStatus.INVALID_PAYLOAD, "the server closed the "
                            + "WebSocket with status " + CloseStatus.describe(status) + " and a reason that is not "
                            + "valid UTF-8, which RFC 6455 (section 8.1) requires"));
                }
                if (len > 0 && !CloseStatus.isValidOnWire(status)) {
                    throw fail(new WebSocketProtocolException(CloseStatus.PROTOCOL_ERROR, "the server closed the "
                            + "WebSocket with the status " + status + ", which no close frame may carry"
                            + (reason.isEmpty() ? "" : " (reason: " + reason + ")")));
                }
                try {
                    // Echo the server's status, as RFC 6455 section 5.5.1 suggests.
                    out.sendClose(status == CloseStatus.NO_STATUS ? CloseStatus.NORMAL : status, "");
                } catch (IOException e) {
                    // The server may already have gone; its close frame is what the user needs to see.
                }
                failure = new EOFException("the server closed the WebSocket at " + peer + " with status "
                        + CloseStatus.describe(status) + (reason.isEmpty() ? "" : ": " + reason));
                throw failure;
            }
            default -> throw new IllegalStateException("not a control opcode: " + opcode);
        }
    }

    /** The text of UTF-8 bytes, or null when they are not valid UTF-8 (no replacement characters). */
    private static String utf8(byte[] bytes, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private EOFException truncated() {
        return new EOFException("the connection to " + peer + " ended in the middle of a WebSocket "
                + (inMessage || remaining > 0 ? "message" : "frame"));
    }

    private IOException fail(IOException e) {
        if (e instanceof WebSocketProtocolException p) {
            // Best effort: the error we report is the protocol violation.
            out.trySendClose(p.closeStatus());
            e = new WebSocketProtocolException(p.closeStatus(), "WebSocket protocol error from " + peer + ": "
                    + p.getMessage());
        }
        failure = e;
        return e;
    }

    private IOException rethrow() {
        IOException e = failure;
        IOException copy = e instanceof EOFException ? new EOFException(e.getMessage())
                : e instanceof WebSocketProtocolException p ? new WebSocketProtocolException(p.closeStatus(), p.getMessage())
                : new IOException(e.getMessage());
        copy.initCause(e);
        return copy;
    }
}

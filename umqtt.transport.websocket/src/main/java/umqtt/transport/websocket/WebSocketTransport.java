package umqtt.transport.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import umqtt.api.internal.BoundedGoodbye;
import umqtt.api.spi.Transport;
import umqtt.transport.websocket.frame.CloseStatus;
import umqtt.transport.websocket.frame.InputBuffer;
import umqtt.transport.websocket.frame.MaskKeys;
import umqtt.transport.websocket.frame.WebSocketInputStream;
import umqtt.transport.websocket.frame.WebSocketOutputStream;

/** An upgraded WebSocket connection as a {@link Transport}: MQTT bytes in binary frames. */
final class WebSocketTransport implements Transport {

    private final Transport underlying;
    private final String endpoint;
    private final WebSocketInputStream in;
    private final WebSocketOutputStream out;
    private volatile boolean closed;
    private long nextPingPoll = System.nanoTime();

    /** How often a client that only sends looks for pings to answer: every 10 ms at most. */
    private static final long PING_POLL_NANOS = 10_000_000L;

    WebSocketTransport(Transport underlying, InputBuffer buffer, MaskKeys keys, String endpoint,
            long maxFrameSize, long maxMessageSize) {
        this.underlying = underlying;
        this.endpoint = endpoint;
        this.out = new WebSocketOutputStream(underlying.output(), keys, this::closeQuietly);
        this.in = new WebSocketInputStream(buffer, out, endpoint, maxFrameSize, maxMessageSize, this::closeQuietly);
        // A client that only publishes never reads: answer the server's pings when it sends.
        out.afterEachDataFrame(this::answerWaitingPings);
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        underlying.setReadTimeout(millis);
    }

    /**
     * Sends a close frame (1000, normal closure) if none was sent yet and the connection is not
     * known to be broken or busy with a write, within {@link BoundedGoodbye#MILLIS}, then closes the
     * transport underneath. Never waits behind a write stuck on a peer that stopped reading: that
     * write fails instead.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            BoundedGoodbye.run(() -> out.trySendClose(CloseStatus.NORMAL), underlying);
        } finally {
            underlying.close();
        }
    }

    /**
     * Answers the pings that have arrived, at most once per {@link #PING_POLL_NANOS}: looking costs a
     * system call, which would slow a stream of small publishes by half, while a pong within
     * milliseconds is as good as at once (servers wait seconds for it).
     */
    private void answerWaitingPings() {
        long now = System.nanoTime();
        if (now - nextPingPoll >= 0) {
            nextPingPoll = now + PING_POLL_NANOS;
            in.handleWaitingControlFrames();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // Closing through a stream, as on a socket; the transport is closed anyway.
        }
    }

    @Override
    public String toString() {
        return "websocket " + endpoint + " over " + underlying;
    }
}

package umqtt.transport.websocket.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Objects;
import umqtt.api.spi.Transport;
import umqtt.transport.websocket.frame.InputBuffer;

/**
 * Runs the opening handshake over a connected transport: sends the request, reads the response
 * head (bounded in size and by the connect deadline) and verifies it. Bytes after the head stay in
 * the {@link InputBuffer} for the frame reader.
 */
public final class Handshake {

    /** The largest response head accepted. */
    public static final int MAX_RESPONSE_HEAD = 8 * 1024;

    private Handshake() {
    }

    /**
     * Performs the handshake.
     *
     * @param transport the connected transport (its read timeout is changed, then set back to 0)
     * @param in the buffer over the transport's input
     * @param request the request to send
     * @param endpoint the server for error messages (no user info, no query)
     * @param deadlineNanos the {@link System#nanoTime()} by which the response must be complete
     * @param timeout the whole connect timeout in milliseconds, for the message
     * @return the subprotocol the server chose
     * @throws IOException when the server refuses or answers wrongly, the connection ends, the
     *     response head is too large, or the deadline passes ({@link SocketTimeoutException})
     */
    public static String perform(Transport transport, InputBuffer in, UpgradeRequest request, String endpoint,
            long deadlineNanos, long timeout) throws IOException {
        Objects.requireNonNull(transport, "transport");
        transport.output().write(request.encode());
        transport.output().flush();
        int headLength;
        while ((headLength = headLength(in)) < 0) {
            if (in.buffered() >= 5 && !startsWithHttp(in)) {
                // Not HTTP at all (a plain MQTT port, say): say so now rather than waiting for the deadline.
                break;
            }
            if (in.buffered() > MAX_RESPONSE_HEAD) {
                throw new IOException("the WebSocket upgrade response from " + endpoint + " has more than "
                        + MAX_RESPONSE_HEAD + " bytes of headers");
            }
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw timedOut(endpoint, timeout);
            }
            transport.setReadTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int n;
            try {
                n = in.fill();
            } catch (SocketTimeoutException e) {
                throw timedOut(endpoint, timeout);
            }
            if (n < 0) {
                throw new EOFException("the server at " + endpoint + " closed the connection during the WebSocket "
                        + "upgrade (is it a WebSocket endpoint?)");
            }
        }
        transport.setReadTimeout(0);
        int length = headLength < 0 ? in.buffered() : headLength;
        UpgradeResponse response = UpgradeResponse.parse(in.array(), in.position(), length, endpoint);
        String protocol = response.verify(request, endpoint);
        in.skip(headLength + terminatorLength(in, headLength));
        return protocol;
    }

    private static SocketTimeoutException timedOut(String endpoint, long timeout) {
        return new SocketTimeoutException("no complete WebSocket upgrade response from " + endpoint + " within the "
                + "connect timeout of " + timeout + " ms");
    }

    private static boolean startsWithHttp(InputBuffer in) {
        byte[] b = in.array();
        int p = in.position();
        return b[p] == 'H' && b[p + 1] == 'T' && b[p + 2] == 'T' && b[p + 3] == 'P' && b[p + 4] == '/';
    }

    /** The length of the head before its blank line, or -1 while the blank line has not arrived. */
    private static int headLength(InputBuffer in) {
        byte[] b = in.array();
        int start = in.position();
        int end = in.limit();
        for (int i = start; i < end - 1; i++) {
            if (b[i] == '\n') {
                if (b[i + 1] == '\n') {
                    return i - start;
                }
                if (b[i + 1] == '\r' && i + 2 < end && b[i + 2] == '\n') {
                    return (i > start && b[i - 1] == '\r' ? i - 1 : i) - start;
                }
            }
        }
        return -1;
    }

    /** The length of the line break ending the last header plus the blank line. */
    private static int terminatorLength(InputBuffer in, int headLength) {
        byte[] b = in.array();
        int i = in.position() + headLength;
        int n = 0;
        for (int lineBreaks = 0; lineBreaks < 2; lineBreaks++) {
            if (b[i + n] == '\r') {
                n++;
            }
            n++; // the '\n'
        }
        return n;
    }
}

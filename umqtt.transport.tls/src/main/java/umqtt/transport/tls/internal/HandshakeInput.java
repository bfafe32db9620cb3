package umqtt.transport.tls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The socket's input as the TLS engine reads it. During the handshake every read is bounded by
 * what remains of the connect deadline (so a server that trickles bytes cannot stretch it), and
 * the first bytes the server sends are kept: they tell a TLS server from one that is not.
 */
final class HandshakeInput extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private final byte[] head = new byte[8];
    private int headLength;
    private long deadline;
    private boolean bounded;
    private final String where;

    HandshakeInput(Socket socket, String where) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.where = where;
    }

    /** Bounds every read until {@link #unbound(int)} by the instant {@code deadlineNanos}. */
    void boundBy(long deadlineNanos) {
        this.deadline = deadlineNanos;
        this.bounded = true;
    }

    /** Ends the handshake bound and restores a read timeout. */
    void unbound(int readTimeoutMillis) throws IOException {
        bounded = false;
        socket.setSoTimeout(readTimeoutMillis);
    }

    /** @return the first bytes the server sent (up to 8) */
    byte[] head() {
        return java.util.Arrays.copyOf(head, headLength);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (bounded) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw timedOut();
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            if (bounded) {
                throw timedOut();
            }
            throw e;
        }
        if (n > 0 && headLength < head.length) {
            int k = Math.min(n, head.length - headLength);
            System.arraycopy(b, off, head, headLength, k);
            headLength += k;
        }
        return n;
    }

    private SocketTimeoutException timedOut() {
        return new SocketTimeoutException("the TLS handshake with " + where + " did not finish within the connect timeout"
                + (headLength == 0 ? ": the server sent nothing (is it a TLS port?)" : ""));
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package umqtt.transport.tls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The socket's input as the TLS engine reads it. During the handshake every read is bounded by
 * what remains of the connect deadline (so a server that trickles bytes cannot stretch it), and
 * the first bytes the server sends are kept: they tell a TLS server from one that is not. After
 * it, {@link #wholeRecordArrived()} tells whether a record can be read without blocking.
 */
final class HandshakeInput extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private final byte[] head = new byte[8];
    private int headLength;
    private long deadline;
    private boolean bounded;
    private final String where;
    /** A record header taken in by {@link #wholeRecordArrived()}, handed out before the socket's bytes. */
    private final byte[] peeked = new byte[RECORD_HEADER];
    private int peekedFrom;
    private int peekedTo;
    /** Where the engine is in the record stream: header bytes it has read, body bytes it has still to read. */
    private final byte[] header = new byte[RECORD_HEADER];
    private int headerRead;
    private int bodyLeft;

    private static final int RECORD_HEADER = 5;

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

    /**
     * Whether the rest of the record the engine is at has arrived, so that reading it will not
     * block: takes in what is missing of its 5-byte header (only bytes already there) and compares
     * the record's length with what the socket holds. The engine may be in the middle of a record
     * (a read timed out there), so the position is followed through every byte it reads.
     *
     * @return true when reading the rest of the current record will not block
     * @throws IOException when the socket fails
     */
    boolean wholeRecordArrived() throws IOException {
        if (bodyLeft > 0) {
            return peekedTo - peekedFrom + in.available() >= bodyLeft;
        }
        int need = RECORD_HEADER - headerRead;
        while (peekedTo - peekedFrom < need) {
            int ready = in.available();
            if (ready <= 0) {
                return false;
            }
            int n = in.read(peeked, peekedTo, Math.min(ready, peekedFrom + need - peekedTo));
            if (n < 0) {
                return false;
            }
            peekedTo += n;
        }
        int lengthHigh = headerRead > 3 ? header[3] : peeked[peekedFrom + 3 - headerRead];
        int lengthLow = headerRead > 4 ? header[4] : peeked[peekedFrom + 4 - headerRead];
        return in.available() >= ((lengthHigh & 0xFF) << 8 | (lengthLow & 0xFF));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (peekedFrom < peekedTo) {
            int n = Math.min(len, peekedTo - peekedFrom);
            System.arraycopy(peeked, peekedFrom, b, off, n);
            track(b, off, n);
            peekedFrom += n;
            if (peekedFrom == peekedTo) {
                peekedFrom = 0;
                peekedTo = 0;
            }
            return n;
        }
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
        if (n > 0) {
            track(b, off, n);
        }
        if (n > 0 && headLength < head.length) {
            int k = Math.min(n, head.length - headLength);
            System.arraycopy(b, off, head, headLength, k);
            headLength += k;
        }
        return n;
    }

    /** Follows the record boundaries through the bytes handed to the engine. */
    private void track(byte[] b, int off, int n) {
        int i = off;
        int end = off + n;
        while (i < end) {
            if (bodyLeft > 0) {
                int k = Math.min(bodyLeft, end - i);
                bodyLeft -= k;
                i += k;
            } else {
                header[headerRead++] = b[i++];
                if (headerRead == RECORD_HEADER) {
                    bodyLeft = (header[3] & 0xFF) << 8 | (header[4] & 0xFF);
                    headerRead = 0;
                }
            }
        }
    }

    private SocketTimeoutException timedOut() {
        return new SocketTimeoutException("the TLS handshake with " + where + " did not finish within the connect timeout"
                + (headLength == 0 ? ": the server sent nothing (is it a TLS port?)" : ""));
    }

    @Override
    public int available() throws IOException {
        return peekedTo - peekedFrom + in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

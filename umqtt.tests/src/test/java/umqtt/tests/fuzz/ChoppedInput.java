package umqtt.tests.fuzz;

import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Objects;

/**
 * Bytes handed out the way a network hands them out: in chunks whose sizes the fuzzer chose,
 * with a {@link SocketTimeoutException} before the chunks it marked, then the end of the stream.
 * Each chunk size byte is {@code 1 + (b & 0x7F)} bytes long; its high bit marks a timeout before it.
 */
final class ChoppedInput extends InputStream {

    private final byte[] bytes;
    private final byte[] chunks;
    private int pos;
    private int chunk;
    private int chunkLeft;
    private boolean timedOut;
    private long handedOut;

    /**
     * @param bytes what the stream holds
     * @param chunks the chunk pattern, used cyclically; empty means one chunk per read
     */
    ChoppedInput(byte[] bytes, byte[] chunks) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.chunks = Objects.requireNonNull(chunks, "chunks");
    }

    @Override
    public int read() throws SocketTimeoutException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws SocketTimeoutException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos == bytes.length) {
            return -1;
        }
        if (chunkLeft == 0) {
            int pattern = chunks.length == 0 ? 0x7F : chunks[chunk % chunks.length];
            if (!timedOut && (pattern & 0x80) != 0) {
                timedOut = true;
                throw new ScriptedTimeout(chunk);
            }
            timedOut = false;
            chunkLeft = 1 + (pattern & 0x7F);
            chunk++;
        }
        int n = Math.min(Math.min(len, chunkLeft), bytes.length - pos);
        System.arraycopy(bytes, pos, b, off, n);
        pos += n;
        chunkLeft -= n;
        handedOut += n;
        return n;
    }

    @Override
    public int available() {
        return Math.min(chunkLeft, bytes.length - pos);
    }

    /** Whether every byte was handed out. */
    boolean drained() {
        return pos == bytes.length;
    }

    /** How many bytes were handed out so far. */
    long handedOut() {
        return handedOut;
    }

    /**
     * A read timeout without a stack trace: a fuzz test counting what the code under test
     * allocates must not count the stack traces of the timeouts it scripts.
     */
    private static final class ScriptedTimeout extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        ScriptedTimeout(int chunk) {
            super("scripted timeout before chunk " + chunk);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}

package umqtt.tests.codec;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * A slow link: hands out at most {@code chunk} bytes per read and times out before every read
 * that would deliver bytes, the way a socket with a read timeout does.
 */
final class Trickle extends InputStream {

    private final byte[] data;
    private final int chunk;
    private int pos;
    private boolean timeoutNext;

    Trickle(byte[] data, int chunk) {
        this.data = data;
        this.chunk = chunk;
    }

    @Override
    public int read() {
        throw new UnsupportedOperationException("the reader reads into its buffer");
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        timeoutNext = !timeoutNext;
        if (timeoutNext) {
            throw new SocketTimeoutException("simulated read timeout");
        }
        if (pos == data.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, chunk), data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}

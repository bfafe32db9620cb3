package umqtt.tests.websocket;

import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * A stream that hands out its bytes in chunks of scripted sizes and throws
 * {@link SocketTimeoutException} before the chunks a pattern marks, as a slow network would.
 */
final class ChunkedInputStream extends InputStream {

    private final byte[] bytes;
    private final List<Integer> chunks;
    private final List<Boolean> timeouts;
    private int pos;
    private int chunkLeft;
    private int chunk;
    private boolean timedOut;

    ChunkedInputStream(byte[] bytes, List<Integer> chunks, List<Boolean> timeouts) {
        this.bytes = bytes;
        this.chunks = chunks;
        this.timeouts = timeouts;
    }

    @Override
    public int read() {
        throw new UnsupportedOperationException("the transport reads in bulk");
    }

    @Override
    public int read(byte[] b, int off, int len) throws SocketTimeoutException {
        if (pos == bytes.length) {
            return -1;
        }
        if (chunkLeft == 0) {
            if (!timedOut && timeouts.get(chunk % timeouts.size())) {
                timedOut = true;
                throw new SocketTimeoutException("scripted timeout before chunk " + chunk);
            }
            timedOut = false;
            chunkLeft = chunks.get(chunk % chunks.size());
            chunk++;
        }
        int n = Math.min(Math.min(len, chunkLeft), bytes.length - pos);
        System.arraycopy(bytes, pos, b, off, n);
        pos += n;
        chunkLeft -= n;
        return n;
    }

    @Override
    public int available() {
        return Math.min(chunkLeft, bytes.length - pos);
    }
}

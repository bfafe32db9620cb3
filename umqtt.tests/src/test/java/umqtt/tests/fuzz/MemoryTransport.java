package umqtt.tests.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import umqtt.api.spi.Transport;

/** A transport over memory: reads from a given stream, keeps what is written, never blocks. */
final class MemoryTransport implements Transport {

    private final InputStream input;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private int readTimeout;
    private boolean closed;

    MemoryTransport(InputStream input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return written;
    }

    @Override
    public void setReadTimeout(int millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("read timeout must not be negative but was " + millis);
        }
        readTimeout = millis;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The bytes written so far. */
    byte[] written() {
        return written.toByteArray();
    }

    /** The read timeout last set. */
    int readTimeout() {
        return readTimeout;
    }

    /** Whether close was called. */
    boolean closed() {
        return closed;
    }
}

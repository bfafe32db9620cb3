package umqtt.api.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connected, bidirectional byte stream to a broker, as opened by a {@link TransportProvider}.
 *
 * <p>The client reads and writes whole MQTT packets through {@link #input()} and
 * {@link #output()} from one thread at a time. Reads honour {@link #setReadTimeout(int)}: a read
 * that times out throws {@link java.net.SocketTimeoutException} and leaves the transport usable,
 * with no byte lost. The client buffers its own reads and writes whole packets, so a transport
 * does not need buffering of its own.
 */
public interface Transport extends Closeable {

    /**
     * The stream of bytes from the broker.
     *
     * @return the input stream, the same object on every call
     */
    InputStream input();

    /**
     * The stream of bytes to the broker. {@code flush()} is called after each packet.
     *
     * @return the output stream, the same object on every call
     */
    OutputStream output();

    /**
     * Sets how long a read may block before it throws {@link java.net.SocketTimeoutException}.
     *
     * @param millis the timeout in milliseconds; 0 waits forever
     * @throws IOException when the transport is closed
     */
    void setReadTimeout(int millis) throws IOException;

    /**
     * Closes the connection at once, without any goodbye of the protocol underneath beyond what
     * is cheap (a TLS close_notify, a WebSocket close frame). Idempotent.
     *
     * @throws IOException rarely; the transport is closed anyway
     */
    @Override
    void close() throws IOException;
}

package umqtt.tests.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import umqtt.api.spi.Transport;

/** A transport whose streams a test wraps (to count or inspect the bytes); timeouts and closing go to the inner one. */
public final class WrappedTransport implements Transport {

    private final Transport inner;
    private final InputStream input;
    private final OutputStream output;

    /**
     * @param inner the transport that does the work
     * @param input what the client reads from: {@code inner.input()} or a stream around it
     * @param output what the client writes to: {@code inner.output()} or a stream around it
     */
    public WrappedTransport(Transport inner, InputStream input, OutputStream output) {
        this.inner = inner;
        this.input = input;
        this.output = output;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        inner.setReadTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}

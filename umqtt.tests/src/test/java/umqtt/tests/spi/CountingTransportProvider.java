package umqtt.tests.spi;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import umqtt.api.spi.TcpTransportProvider;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.TransportProvider;
import umqtt.api.spi.Transports;

/**
 * A provider written the way a user would write one: scheme {@code counting://host:port} opens
 * TCP and counts the writes and bytes that go through it. Registered for the class path in this
 * module's {@code META-INF/services}; tests use the counts to see how packets reach the socket.
 */
public final class CountingTransportProvider implements TransportProvider {

    /** Writes (calls reaching the socket) through every counting transport. */
    public static final AtomicLong WRITES = new AtomicLong();
    /** Bytes written through every counting transport. */
    public static final AtomicLong BYTES = new AtomicLong();

    @Override
    public Set<String> schemes() {
        return Set.of("counting");
    }

    @Override
    public int defaultPort(String scheme) {
        return 1883;
    }

    @Override
    public Transport open(URI uri, TransportOptions options) throws IOException {
        Transport tcp = new TcpTransportProvider().open(
                URI.create("tcp://" + uri.getHost() + ":" + Transports.port(uri, this)), options);
        OutputStream counting = new FilterOutputStream(tcp.output()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                WRITES.incrementAndGet();
                BYTES.addAndGet(len);
                out.write(b, off, len);
            }
        };
        return new WrappedTransport(tcp, tcp.input(), counting);
    }
}

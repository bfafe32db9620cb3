package umqtt.transport.tls.internal;

import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.tls.TlsClientProtocol;

/**
 * BouncyCastle's blocking TLS client, able to take in a record that has wholly arrived without
 * waiting for application data: so {@link java.io.InputStream#available()} over TLS counts what a
 * read would return at once, and a WebSocket over TLS can answer a ping that arrived while the
 * client was only writing.
 */
final class PollingClientProtocol extends TlsClientProtocol {

    private final HandshakeInput input;

    PollingClientProtocol(HandshakeInput input, OutputStream output) {
        super(input, output);
        this.input = input;
    }

    /**
     * Decrypts and handles the records that have wholly arrived, until application data is
     * available; never blocks.
     *
     * @return the bytes of application data that can be read without blocking
     * @throws IOException when a record is bad or the connection failed
     */
    int pollAvailable() throws IOException {
        int n = applicationDataAvailable();
        while (n == 0 && !isClosed() && input.wholeRecordArrived()) {
            safeReadRecord();
            n = applicationDataAvailable();
        }
        return n;
    }
}

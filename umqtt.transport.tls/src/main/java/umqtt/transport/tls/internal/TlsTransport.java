package umqtt.transport.tls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import umqtt.api.internal.BoundedGoodbye;
import umqtt.api.spi.Transport;

/**
 * A TLS connection as a {@link Transport}. A read that times out throws
 * {@link java.net.SocketTimeoutException} and loses nothing: BouncyCastle keeps a partly read
 * record and resumes it on the next read. Failures reported by the server after the handshake
 * (a TLS 1.3 server refusing a missing client certificate only then) are explained as during it.
 *
 * <p>Closing never waits behind a write: every write holds one lock, and
 * {@link #close()} sends the close_notify only when it can take that lock at once (otherwise the
 * writer may be stuck on a peer that stopped reading), and then only within
 * {@link BoundedGoodbye#MILLIS}. The socket is closed either way, which fails a stuck write with
 * an {@link IOException}.
 */
final class TlsTransport implements Transport {

    private final Socket socket;
    private final PollingClientProtocol protocol;
    private final MqttTlsClient client;
    private final HandshakeInput raw;
    private final String where;
    private final InputStream in;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private int readTimeout = 0;

    TlsTransport(Socket socket, PollingClientProtocol protocol, MqttTlsClient client, HandshakeInput raw, String where) {
        this.socket = socket;
        this.protocol = protocol;
        this.client = client;
        this.raw = raw;
        this.where = where;
        this.in = new Input(protocol.getInputStream());
        this.out = new Output(protocol.getOutputStream());
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        if (millis < 0) {
            throw new IllegalArgumentException("read timeout must be >= 0 but was " + millis);
        }
        if (millis != readTimeout) {
            socket.setSoTimeout(millis);
            readTimeout = millis;
        }
    }

    /**
     * Sends the close_notify if no other thread is writing and it goes out within
     * {@link BoundedGoodbye#MILLIS}, then closes the socket. Returns at once when another thread is
     * writing; that write then fails. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (writeLock.tryLock()) {
                try {
                    BoundedGoodbye.run(protocol::close, socket);
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (IOException e) {
            // The close_notify is a courtesy; the socket is closed below either way.
        } finally {
            socket.close();
        }
    }

    @Override
    public String toString() {
        return "tls " + where;
    }

    private IOException explain(IOException e) {
        return TlsFailures.explain(e, client, raw.head(), where);
    }

    /** Application data from the server. */
    private final class Input extends InputStream {
        private final InputStream tls;

        Input(InputStream tls) {
            this.tls = tls;
        }

        @Override
        public int read() throws IOException {
            try {
                return tls.read();
            } catch (IOException e) {
                throw explain(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return tls.read(b, off, len);
            } catch (IOException e) {
                throw explain(e);
            }
        }

        /** Application data readable at once, after taking in the records that have wholly arrived. */
        @Override
        public int available() throws IOException {
            try {
                return protocol.pollAvailable();
            } catch (IOException e) {
                throw explain(e);
            }
        }

        @Override
        public void close() throws IOException {
            TlsTransport.this.close();
        }
    }

    /** Application data to the server. */
    private final class Output extends OutputStream {
        private final OutputStream tls;

        Output(OutputStream tls) {
            this.tls = tls;
        }

        @Override
        public void write(int b) throws IOException {
            writeLock.lock();
            try {
                tls.write(b);
            } catch (IOException e) {
                throw explain(e);
            } finally {
                writeLock.unlock();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writeLock.lock();
            try {
                tls.write(b, off, len);
            } catch (IOException e) {
                throw explain(e);
            } finally {
                writeLock.unlock();
            }
        }

        @Override
        public void flush() throws IOException {
            writeLock.lock();
            try {
                tls.flush();
            } catch (IOException e) {
                throw explain(e);
            } finally {
                writeLock.unlock();
            }
        }

        @Override
        public void close() throws IOException {
            TlsTransport.this.close();
        }
    }
}

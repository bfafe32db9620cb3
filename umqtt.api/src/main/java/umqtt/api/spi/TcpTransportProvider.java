package umqtt.api.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Plain TCP for {@code mqtt://} and {@code tcp://}, default port 1883. Ships with the core so every
 * image can talk TCP; other transports (TLS, WebSocket) may open their TCP connection through it.
 */
public final class TcpTransportProvider implements TransportProvider {

    /** The default MQTT port, 1883. */
    public static final int DEFAULT_PORT = 1883;

    /** Creates the provider; {@link java.util.ServiceLoader} does this too. */
    public TcpTransportProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("mqtt", "tcp");
    }

    @Override
    public int defaultPort(String scheme) {
        return DEFAULT_PORT;
    }

    @Override
    public Transport open(URI uri, TransportOptions options) throws IOException {
        Transports.checkServerUri(uri);
        return new SocketTransport(connect(Transports.host(uri), Transports.port(uri, this), options));
    }

    /**
     * Opens a TCP connection with Nagle's algorithm off (MQTT packets are written whole).
     *
     * @param host the host name or address
     * @param port the port
     * @param options for the connect timeout
     * @return the connected socket
     * @throws IOException with a message naming host and port when it cannot connect in time
     */
    public static Socket connect(String host, int port, TransportOptions options) throws IOException {
        String where = host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), options.connectTimeoutMillis());
            return socket;
        } catch (UnknownHostException e) {
            socket.close();
            throw new UnknownHostException("cannot resolve host '" + host + "': check the server URI");
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new SocketTimeoutException("connecting to " + where + " timed out after "
                    + options.connectTimeout().toMillis() + " ms");
        } catch (ConnectException e) {
            socket.close();
            ConnectException ce = new ConnectException("cannot connect to " + where + ": " + e.getMessage()
                    + " (is the broker running and listening there?)");
            ce.initCause(e);
            throw ce;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A connected socket as a {@link Transport}. */
    private static final class SocketTransport implements Transport {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private int readTimeout = -1;

        SocketTransport(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
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
            if (millis != readTimeout) {
                socket.setSoTimeout(millis);
                readTimeout = millis;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        @Override
        public String toString() {
            return "tcp " + socket.getRemoteSocketAddress();
        }
    }
}

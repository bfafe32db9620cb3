package umqtt.transport.tls.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import umqtt.api.spi.TcpTransportProvider;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;

/**
 * Opens a TLS connection: reads the files of the TLS options, connects TCP through the core's
 * {@link TcpTransportProvider}, and runs BouncyCastle's TLS client over the socket, all within
 * the connect timeout.
 */
public final class TlsConnector {

    private static final System.Logger LOG = System.getLogger("umqtt.transport.tls");
    private static final AtomicBoolean WARNED_NO_HOSTNAME_CHECK = new AtomicBoolean();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TlsConnector() {
    }

    /**
     * Connects and completes the TLS handshake.
     *
     * @param host the server's host (an IPv6 literal without brackets)
     * @param port the server's port
     * @param options the connect timeout and TLS options
     * @return the connected transport
     * @throws IOException with a message that says which step failed and what to do
     */
    public static Transport open(String host, int port, TransportOptions options) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        TlsSetup setup = TlsSetup.load(host, options.tls());
        if (!setup.verifyHostname()) {
            warnNoHostnameCheck();
        }
        String where = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        Socket socket = TcpTransportProvider.connect(host, port, options);
        MqttTlsClient client = new MqttTlsClient(new RecordCrypto(RANDOM), setup);
        HandshakeInput input = null;
        try {
            input = new HandshakeInput(socket, where);
            input.boundBy(deadline);
            PollingClientProtocol protocol = new PollingClientProtocol(input, socket.getOutputStream());
            protocol.connect(client);
            input.unbound(0);
            return new TlsTransport(socket, protocol, client, input, where);
        } catch (IOException e) {
            socket.close();
            throw TlsFailures.explain(e, client, input == null ? new byte[0] : input.head(), where);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void warnNoHostnameCheck() {
        if (WARNED_NO_HOSTNAME_CHECK.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "TLS host name verification is off (TlsOptions.verifyHostname(false)): "
                    + "any server with a certificate from a trusted CA can impersonate the broker");
        }
    }

    /**
     * Forgets that the warning about host name verification being off was logged, so the next
     * connection without it logs again. For tests.
     */
    public static void resetWarningForTests() {
        WARNED_NO_HOSTNAME_CHECK.set(false);
    }
}

package umqtt.tests.brokers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Plain and JSSE TLS sockets to a listener's URI, for the fixtures' own tests. */
final class RawSockets {

    static final int TIMEOUT_MILLIS = 5_000;

    private RawSockets() {
    }

    static Socket plain(URI uri) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    /** A TLS socket that checks the server's host name against the URI's host, handshake done. */
    static SSLSocket tls(URI uri, SSLContext context) throws IOException {
        return tls(uri, context, true);
    }

    static SSLSocket tls(URI uri, SSLContext context, boolean verifyHostname) throws IOException {
        return tls(uri, context, verifyHostname, new String[0]);
    }

    /** A TLS socket that checks the host name and offers these ALPN protocols, handshake done. */
    static SSLSocket tls(URI uri, SSLContext context, String... alpn) throws IOException {
        return tls(uri, context, true, alpn);
    }

    private static SSLSocket tls(URI uri, SSLContext context, boolean verifyHostname, String[] alpn)
            throws IOException {
        Socket plain = plain(uri);
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, uri.getHost(), uri.getPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        if (verifyHostname) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        parameters.setApplicationProtocols(alpn);
        if (!Character.isDigit(uri.getHost().charAt(0))) {
            // The JDK sends SNI on its own only for names with a dot, so not for "localhost".
            parameters.setServerNames(List.of(new SNIHostName(uri.getHost())));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }
}

package umqtt.tests.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;

/**
 * A one-connection TLS server of the JDK (JSSE) that records what the client's hello carried
 * (ALPN protocols offered, SNI names) and what was negotiated, then hands the socket to a
 * script. An independent TLS peer: it checks what our BouncyCastle client sends.
 */
final class RecordingTlsServer implements AutoCloseable {

    /** What the handshake showed. */
    record Hello(List<String> alpnOffered, List<String> sniNames, String protocol, String applicationProtocol) {
    }

    /** What the server does with the connection after the handshake. */
    interface Script {
        void run(SSLSocket socket) throws Exception;
    }

    private final SSLServerSocket server;
    private final CompletableFuture<Hello> hello = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    RecordingTlsServer(SSLContext context, String[] protocols, Script script) throws IOException {
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        if (protocols != null) {
            server.setEnabledProtocols(protocols);
        }
        Thread t = new Thread(() -> serve(script), "recording-tls-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The hello of the first connection, once its handshake finished. */
    CompletableFuture<Hello> hello() {
        return hello;
    }

    /** Completes when the script ended, exceptionally when it failed. */
    CompletableFuture<Void> done() {
        return done;
    }

    private void serve(Script script) {
        try (SSLSocket s = (SSLSocket) server.accept()) {
            List<String> alpn = new CopyOnWriteArrayList<>();
            boolean[] alpnSeen = {false};
            List<String> sni = new CopyOnWriteArrayList<>();
            s.setHandshakeApplicationProtocolSelector((socket, offered) -> {
                alpnSeen[0] = true;
                alpn.addAll(offered);
                return offered.isEmpty() ? "" : offered.get(0);
            });
            SSLParameters p = s.getSSLParameters();
            p.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                @Override
                public boolean matches(SNIServerName name) {
                    sni.add(((SNIHostName) name).getAsciiName());
                    return true;
                }
            }));
            s.setSSLParameters(p);
            s.startHandshake();
            hello.complete(new Hello(alpnSeen[0] ? List.copyOf(alpn) : null, List.copyOf(sni),
                    s.getSession().getProtocol(), s.getApplicationProtocol()));
            script.run(s);
            done.complete(null);
        } catch (Exception e) {
            hello.completeExceptionally(e);
            done.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } catch (SocketException e) {
            // already closed
        }
    }
}

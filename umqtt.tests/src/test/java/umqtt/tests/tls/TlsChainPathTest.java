package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.transport.tls.TlsTransportProvider;
import umqtt.transport.tls.internal.ServerTrust;

/**
 * The server's chain is trusted when some path from its certificate to a trusted CA is valid, as
 * the JDK's PKIX path building finds it: the expired or superfluous certificates real servers
 * send along, in any order, are ignored. What is really wrong is still refused, saying what.
 */
class TlsChainPathTest {

    private static final ChainPki PKI = ChainPki.get();

    static Stream<Arguments> acceptedChains() {
        return Stream.of(
                Arguments.of("leaf, intermediate", List.of(PKI.leaf, PKI.intermediate)),
                Arguments.of("Let's Encrypt: an expired cross-signed root appended",
                        List.of(PKI.leaf, PKI.intermediate, PKI.crossSignedRoot)),
                Arguments.of("AddTrust: the expired cross-signed root and the expired old root appended",
                        List.of(PKI.leaf, PKI.intermediate, PKI.crossSignedRoot, PKI.oldRoot)),
                Arguments.of("an unrelated expired certificate appended",
                        List.of(PKI.leaf, PKI.intermediate, PKI.unrelatedExpired)),
                Arguments.of("out of order, the expired cross-signed root first",
                        List.of(PKI.leaf, PKI.crossSignedRoot, PKI.oldRoot, PKI.intermediate)),
                Arguments.of("out of order, the root before the intermediate",
                        List.of(PKI.leaf, PKI.root, PKI.intermediate)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedChains")
    void aValidPathAmongTheCertificatesIsTrusted(String what, List<X509Certificate> chain) throws IOException {
        ServerTrust.fromPem(PKI.rootPem).check(chain, new Date());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedChains")
    void aValidPathAmongTheCertificatesIsTrustedInTheHandshake(String what, List<X509Certificate> chain)
            throws Exception {
        assertEquals('k', roundTrip(chain, TlsOptions.builder().trustPem(PKI.rootPem).build()));
    }

    @Test
    void aChainToAnotherCaIsRefused() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> ServerTrust.fromPem(PKI.strangerPem)
                .check(List.of(PKI.leaf, PKI.intermediate, PKI.crossSignedRoot), new Date()));
        assertTrue(e.getMessage().startsWith("the server's certificate chain is not trusted: CN=localhost issued by "
                + "CN=umqtt chain intermediate does not lead to a CA in the CA file " + PKI.strangerPem), e.getMessage());
        assertTrue(e.getMessage().contains("of the other certificates it sent, CN=umqtt chain root expired on "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("add its CA with TlsOptions.trustPem(caPem)"), e.getMessage());
    }

    @Test
    void anExpiredServerCertificateIsRefusedWithItsDate() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> ServerTrust.fromPem(PKI.rootPem)
                .check(List.of(PKI.expiredLeaf, PKI.intermediate, PKI.crossSignedRoot), new Date()));
        assertEquals("the server's certificate CN=localhost expired on " + PKI.expiredLeaf.getNotAfter().toInstant()
                + ": the broker must renew it (or the clock of this machine is wrong)", e.getMessage());
        assertInstanceOf(CertificateExpiredException.class, e.getCause());
    }

    @Test
    void anExpiredIntermediateOnThePathIsNamed() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> ServerTrust.fromPem(PKI.rootPem)
                .check(List.of(PKI.leafOfExpiredIntermediate, PKI.expiredIntermediate), new Date()));
        assertEquals("the certificate CN=umqtt expired intermediate on the path from the server's certificate to "
                + "the CA expired on " + PKI.expiredIntermediate.getNotAfter().toInstant()
                + ": the broker must serve its renewed chain (or the clock of this machine is wrong)", e.getMessage());
    }

    @Test
    void anUntrustedChainIsRefusedInTheHandshake() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> roundTrip(
                List.of(PKI.leaf, PKI.intermediate), TlsOptions.builder().trustPem(PKI.strangerPem).build()));
        assertTrue(e.getMessage().contains("the server's certificate chain is not trusted"), e.getMessage());
    }

    @Test
    void anExpiredServerCertificateIsRefusedInTheHandshake() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> roundTrip(
                List.of(PKI.expiredLeaf, PKI.intermediate, PKI.crossSignedRoot),
                TlsOptions.builder().trustPem(PKI.rootPem).build()));
        assertTrue(e.getMessage().contains("the server's certificate CN=localhost expired on"), e.getMessage());
    }

    @Test
    void aWrongHostIsRefusedThoughItsChainIsTrusted() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> roundTrip(
                List.of(PKI.wrongHostLeaf, PKI.intermediate, PKI.crossSignedRoot),
                TlsOptions.builder().trustPem(PKI.rootPem).build()));
        assertTrue(e.getMessage().contains("host name mismatch: the server's certificate (CN=wrong.example) is for "
                + "DNS:wrong.example, not for the host name 'localhost'"), e.getMessage());
    }

    /** Connects to a JDK TLS server presenting {@code chain} and reads the one byte it sends. */
    private static int roundTrip(List<X509Certificate> chain, TlsOptions tls) throws Exception {
        RecordingTlsServer.Script script = (SSLSocket s) -> {
            s.getOutputStream().write('k');
            s.getOutputStream().flush();
            s.getInputStream().read();
        };
        try (RecordingTlsServer server = new RecordingTlsServer(serving(chain), null, script);
             Transport t = new TlsTransportProvider().open(URI.create("mqtts://localhost:" + server.port()),
                     new TransportOptions(Duration.ofSeconds(10), tls, Map.of()))) {
            return t.input().read();
        }
    }

    /** A JDK server context that sends {@code chain} exactly as given (a key store would reorder or refuse it). */
    private static SSLContext serving(List<X509Certificate> chain) throws Exception {
        X509KeyManager keys = new X509ExtendedKeyManager() {
            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return "EC".equals(keyType) ? "server" : null;
            }

            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                return chooseServerAlias(keyType, issuers, null);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return chain.toArray(new X509Certificate[0]);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return PKI.serverKeys.getPrivate();
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return new String[] {"server"};
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[0];
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return null;
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new X509KeyManager[] {keys}, null, null);
        return context;
    }
}

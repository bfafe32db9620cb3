package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.TestPki;
import umqtt.transport.tls.TlsTransportProvider;
import umqtt.transport.tls.internal.ServerTrust;
import umqtt.transport.tls.internal.TlsConnector;

/** Every way a TLS connection is refused, each with the error that says which and what to do. */
class TlsRefusalTest {

    private static final TestPki PKI = TestPki.get();

    private static SSLHandshakeException refused(URI uri, TlsOptions tls) {
        return assertThrows(SSLHandshakeException.class, () -> open(uri, tls).close());
    }

    private static Transport open(URI uri, TlsOptions tls) throws IOException {
        return new TlsTransportProvider().open(uri, new TransportOptions(Duration.ofSeconds(10), tls, Map.of()));
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void untrustedCaIsRefused(Broker broker) {
        SSLHandshakeException e = refused(broker.localhostUri(Listener.TLS),
                TlsOptions.builder().trustPem(PKI.untrustedCaCert()).build());
        assertTrue(e.getMessage().contains("the server's certificate chain is not trusted"), e.getMessage());
        assertTrue(e.getMessage().contains("TlsOptions.trustPem"), e.getMessage());
        assertTrue(e.getMessage().contains(PKI.untrustedCaCert().toString()), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void jdkDefaultTrustStoreDoesNotTrustTheTestCa(Broker broker) {
        SSLHandshakeException e = refused(broker.uri(Listener.TLS), TlsOptions.builder().build());
        assertTrue(e.getMessage().contains("not trusted") && e.getMessage().contains("JDK's default trust store"),
                e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void untrustedCaIsRefusedBySimpleClient(Broker broker) {
        URI uri = broker.localhostUri(Listener.TLS); // outside assertThrows: a missing broker skips
        IOException e = assertThrows(IOException.class, () -> TlsRoundTrip.run(uri,
                TlsOptions.builder().trustPem(PKI.untrustedCaCert()).build()));
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void oneCaFileWithManyCertificatesTrustsEach(Broker broker) throws Exception {
        java.nio.file.Path both = java.nio.file.Files.createTempFile(PKI.folder(), "cas-", ".pem");
        java.nio.file.Files.writeString(both, java.nio.file.Files.readString(PKI.untrustedCaCert())
                + java.nio.file.Files.readString(PKI.caCert()));
        TlsRoundTrip.run(broker.localhostUri(Listener.TLS), TlsOptions.builder().trustPem(both).build());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withBadCertificates")
    void wrongHostIsRefusedWithTheNamesOfTheCertificate(Broker broker) {
        SSLHandshakeException e = refused(broker.localhostUri(Listener.TLS_WRONG_HOST),
                TlsRoundTrip.trustingTestCa().build());
        assertTrue(e.getMessage().contains("host name mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("'localhost'"), e.getMessage());
        assertTrue(e.getMessage().contains("DNS:wrong.example"), e.getMessage());
        assertTrue(e.getMessage().contains("verifyHostname(false)"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withBadCertificates")
    void wrongHostByIpAddressIsRefused(Broker broker) {
        SSLHandshakeException e = refused(broker.uri(Listener.TLS_WRONG_HOST),
                TlsRoundTrip.trustingTestCa().build());
        assertTrue(e.getMessage().contains("IP address '127.0.0.1'"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withBadCertificates")
    void wrongHostIsAcceptedWithoutHostnameVerificationAndWarnedOnce(Broker broker) throws IOException {
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger("umqtt.transport.tls");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            TlsConnector.resetWarningForTests();
            TlsOptions tls = TlsRoundTrip.trustingTestCa().verifyHostname(false).build();
            URI uri = broker.localhostUri(Listener.TLS_WRONG_HOST);
            TlsRoundTrip.run(uri, tls);
            TlsRoundTrip.run(uri, tls);
        } finally {
            logger.removeHandler(handler);
        }
        List<LogRecord> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(1, warnings.size(), "one warning for two connections: " + warnings);
        assertTrue(warnings.get(0).getMessage().contains("host name verification is off"), warnings.get(0).getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withBadCertificates")
    void untrustedChainStillRefusedWithoutHostnameVerification(Broker broker) {
        SSLHandshakeException e = refused(broker.localhostUri(Listener.TLS_WRONG_HOST),
                TlsOptions.builder().trustPem(PKI.untrustedCaCert()).verifyHostname(false).build());
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withBadCertificates")
    void expiredCertificateIsRefusedWithItsDate(Broker broker) throws Exception {
        X509Certificate expired = ServerTrust.x509(pemToDer(PKI.expiredCert()));
        SSLHandshakeException e = refused(broker.localhostUri(Listener.TLS_EXPIRED),
                TlsRoundTrip.trustingTestCa().build());
        assertTrue(e.getMessage().contains("expired on " + expired.getNotAfter().toInstant()), e.getMessage());
        assertInstanceOf(java.security.cert.CertificateExpiredException.class, rootCause(e), "cause");
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void plainMqttPortIsRefusedAsNotTls(Broker broker) {
        SSLHandshakeException e = refused(tlsUriFor(broker.uri(Listener.TCP)), TlsRoundTrip.trustingTestCa().build());
        assertTrue(e.getMessage().contains("does not speak TLS"), e.getMessage());
        assertTrue(e.getMessage().contains("mqtt://"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void missingCaFileIsNamed(Broker broker) {
        java.nio.file.Path missing = PKI.folder().resolve("no-such-ca.pem");
        URI uri = broker.uri(Listener.TLS); // outside assertThrows: a missing broker skips
        IOException e = assertThrows(IOException.class, () -> open(uri, TlsOptions.builder().trustPem(missing).build()));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such file"), e.getMessage());
    }

    private static URI tlsUriFor(URI tcp) {
        return URI.create("mqtts://" + tcp.getHost() + ":" + tcp.getPort());
    }

    static byte[] pemToDer(java.nio.file.Path pem) throws IOException {
        String text = java.nio.file.Files.readString(pem);
        String body = text.substring(text.indexOf("-----\n") + 6, text.indexOf("-----END")).replaceAll("\\s", "");
        return java.util.Base64.getDecoder().decode(body);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

package umqtt.transport.tls.internal;

import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Vector;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsPSKIdentity;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Our side of the handshake for BouncyCastle's {@code TlsClientProtocol}: TLS 1.3 and 1.2 only,
 * SNI for DNS host names, ALPN, the server's chain and host name verified by us, a client
 * certificate when the server asks and one is configured, or TLS-PSK (TLS 1.3 external PSK and
 * the TLS 1.2 PSK suites). It remembers what happened, for error messages that say why.
 */
final class MqttTlsClient extends AbstractTlsClient {

    private static final int[] CERTIFICATE_SUITES = {
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
    };

    private static final int[] PSK_SUITES = {
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_DHE_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_DHE_PSK_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_PSK_WITH_CHACHA20_POLY1305_SHA256,
    };

    private final TlsSetup setup;
    private final BcTlsCrypto bcCrypto;

    private volatile SSLHandshakeException verificationFailure;
    private volatile String credentialProblem;
    private volatile boolean certificateRequested;
    private volatile boolean certificateSent;
    private volatile boolean handshakeComplete;
    private volatile short alertReceived = -1;
    private volatile short alertRaised = -1;

    MqttTlsClient(BcTlsCrypto crypto, TlsSetup setup) {
        super(crypto);
        this.bcCrypto = crypto;
        this.setup = setup;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12);
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), setup.psk() ? PSK_SUITES : CERTIFICATE_SUITES);
    }

    @Override
    public TlsPSKIdentity getPSKIdentity() {
        return setup.psk() ? new BasicTlsPSKIdentity(setup.pskIdentity(), setup.pskKey()) : null;
    }

    @Override
    public Vector<?> getExternalPSKs() {
        if (!setup.psk()) {
            return null;
        }
        Vector<Object> psks = new Vector<>(1);
        // OpenSSL's (and so Mosquitto's) TLS 1.3 support for psk_file keys uses SHA-256.
        psks.add(new BasicTlsPSKExternal(setup.pskIdentity().getBytes(StandardCharsets.UTF_8),
                getCrypto().createSecret(setup.pskKey()), PRFAlgorithm.tls13_hkdf_sha256));
        return psks;
    }

    @Override
    protected Vector<?> getSNIServerNames() {
        String host = setup.host();
        if (HostnameMatcher.isIpLiteral(host)) {
            return null;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            // Not a DNS host name (broker_1, say): no SNI, as the JDK's own client does, since
            // servers may refuse the whole hello over it (a JDK server does).
            return null;
        }
        Vector<Object> names = new Vector<>(1);
        names.add(new ServerName(NameType.host_name, ascii.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    protected Vector<?> getProtocolNames() {
        if (setup.alpn().isEmpty()) {
            return null;
        }
        Vector<Object> names = new Vector<>(setup.alpn().size());
        for (String p : setup.alpn()) {
            names.add(ProtocolName.asUtf8Encoding(p));
        }
        return names;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                verifyServer(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return clientCredentials(request);
            }
        };
    }

    private void verifyServer(Certificate certificate) throws IOException {
        List<byte[]> ders = new ArrayList<>();
        for (int i = 0; i < certificate.getLength(); i++) {
            ders.add(certificate.getCertificateAt(i).getEncoded());
        }
        try {
            List<X509Certificate> chain = ServerTrust.parse(ders);
            setup.trust().check(chain, new Date());
            if (setup.verifyHostname()) {
                HostnameMatcher.check(setup.host(), chain.get(0));
            }
        } catch (SSLHandshakeException e) {
            verificationFailure = e;
            short alert = ChainFailures.expired(e) ? AlertDescription.certificate_expired : AlertDescription.bad_certificate;
            throw new TlsFatalAlert(alert, e.getMessage(), e);
        }
    }

    private TlsCredentials clientCredentials(CertificateRequest request) throws IOException {
        certificateRequested = true;
        ClientIdentity identity = setup.identity();
        if (identity == null) {
            return null;
        }
        boolean tls13 = TlsUtils.isTLSv13(context);
        SignatureAndHashAlgorithm scheme = SignatureChoice.choose(identity.key(),
                request.getSupportedSignatureAlgorithms(), tls13);
        if (scheme == null) {
            credentialProblem = "the server accepts none of the signature schemes our client key can make ("
                    + SignatureChoice.candidates(identity.key(), tls13) + "; it accepts "
                    + request.getSupportedSignatureAlgorithms() + "): use a client key of a kind the broker accepts";
            return null;
        }
        TlsCertificate[] certs = new TlsCertificate[identity.chain().size()];
        for (int i = 0; i < certs.length; i++) {
            certs[i] = bcCrypto.createCertificate(identity.chain().get(i));
        }
        Certificate chain;
        if (tls13) {
            CertificateEntry[] entries = new CertificateEntry[certs.length];
            for (int i = 0; i < certs.length; i++) {
                entries[i] = new CertificateEntry(certs[i], null);
            }
            chain = new Certificate(request.getCertificateRequestContext(), entries);
        } else {
            chain = new Certificate(certs);
        }
        certificateSent = true;
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), bcCrypto, identity.key(), chain, scheme);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertLevel == AlertLevel.fatal) {
            alertReceived = alertDescription;
        }
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        if (alertLevel == AlertLevel.fatal) {
            alertRaised = alertDescription;
        }
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        handshakeComplete = true;
    }

    /** @return the setup this client runs with */
    TlsSetup setup() {
        return setup;
    }

    /** @return our verdict on the server's certificate, when it failed */
    SSLHandshakeException verificationFailure() {
        return verificationFailure;
    }

    /** @return why no client certificate was sent though one is configured, or null */
    String credentialProblem() {
        return credentialProblem;
    }

    /** @return whether the server asked for a client certificate */
    boolean certificateRequested() {
        return certificateRequested;
    }

    /** @return whether we sent a client certificate */
    boolean certificateSent() {
        return certificateSent;
    }

    /** @return whether the handshake completed on our side */
    boolean handshakeComplete() {
        return handshakeComplete;
    }

    /** @return the last fatal alert the server sent, or -1 */
    short alertReceived() {
        return alertReceived;
    }

    /** @return the last fatal alert we sent, or -1 */
    short alertRaised() {
        return alertRaised;
    }
}

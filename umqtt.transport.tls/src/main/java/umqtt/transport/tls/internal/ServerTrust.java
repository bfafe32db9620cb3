package umqtt.transport.tls.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Decides whether a server's certificate chain is trusted, as every TLS stack does: the JDK's PKIX
 * trust manager builds a path from the server's certificate to a trust anchor (the CA certificates
 * of a PEM file, or the JDK's default trust store) out of the certificates the server sent, and
 * validates it (signatures, validity dates, CA constraints, key usage, the server-authentication
 * purpose); revocation is not checked. Certificates the server sent that are on no such path (an
 * expired cross-signed root, a superfluous or out-of-order intermediate) are ignored, never judged
 * on their own. Failures are {@link SSLHandshakeException}s that say which check failed and what to
 * do; the host name is checked separately, by {@link HostnameMatcher}.
 */
public final class ServerTrust {

    private static volatile X509TrustManager jdkDefault;

    private final X509TrustManager trustManager;
    private final String source;

    private ServerTrust(X509TrustManager trustManager, String source) {
        this.trustManager = trustManager;
        this.source = source;
    }

    /**
     * Trusts the CA certificates of a PEM file.
     *
     * @param caPem the PEM file with one or more CA certificates
     * @return the trust
     * @throws IOException when the file cannot be read or holds no certificate
     */
    public static ServerTrust fromPem(Path caPem) throws IOException {
        Objects.requireNonNull(caPem, "caPem");
        return fromPem(caPem, null);
    }

    /**
     * Trusts the CA certificates of a PEM file, of the PEM files of a folder, or of both.
     *
     * @param caPem the PEM file with one or more CA certificates, or null
     * @param caFolder the folder of {@code *.pem} and {@code *.crt} CA files, or null
     * @return the trust
     * @throws IOException when a file or the folder cannot be read, the folder holds no CA file,
     *     or a file holds no certificate
     */
    public static ServerTrust fromPem(Path caPem, Path caFolder) throws IOException {
        if (caPem == null && caFolder == null) {
            throw new IllegalArgumentException("give a CA file, a CA folder or both");
        }
        List<X509CertificateHolder> cas = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        if (caPem != null) {
            cas.addAll(PemFiles.certificates(caPem, "the CA file (TlsOptions.trustPem)"));
            sources.add("the CA file " + caPem);
        }
        if (caFolder != null) {
            for (Path file : CaDirectory.files(caFolder)) {
                cas.addAll(PemFiles.certificates(file, CaDirectory.role(caFolder)));
            }
            sources.add("the CA folder " + caFolder);
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509CertificateHolder ca : cas) {
                store.setCertificateEntry("ca-" + i++, x509(ca.getEncoded()));
            }
            String source = String.join(" and ", sources);
            return new ServerTrust(trustManager(store), source);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the CA certificates of " + String.join(" and ", sources) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Trusts the CAs of the JDK's default trust store (loaded once).
     *
     * @return the trust
     * @throws IOException when the JDK's trust store cannot be loaded
     */
    public static ServerTrust jdkDefault() throws IOException {
        X509TrustManager tm = jdkDefault;
        if (tm == null) {
            try {
                tm = trustManager(null);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot load the JDK's default trust store: " + e.getMessage()
                        + "; give the broker's CA with TlsOptions.trustPem", e);
            }
            jdkDefault = tm;
        }
        return new ServerTrust(tm, "the JDK's default trust store");
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        // "PKIX" by name: the JDK's path-building trust manager, whatever ssl.TrustManagerFactory.algorithm says.
        TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
        f.init(store);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X509TrustManager");
    }

    /**
     * Parses a DER certificate with the JDK.
     *
     * @param der the encoding
     * @return the certificate
     * @throws CertificateException when it is not a certificate
     */
    public static X509Certificate x509(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /**
     * Checks a server's chain: some path from its first certificate through the others (in any
     * order, extra ones ignored) to a trusted CA must be valid now.
     *
     * @param chain the chain as the server sent it, leaf first
     * @param now the time to explain a failure at (the JDK validates at the current time)
     * @throws SSLHandshakeException when no valid path to a trusted CA exists: the message says
     *     whether the server's certificate expired or is not yet valid, which certificate of the
     *     path failed, or that the chain leads to no trusted CA
     */
    public void check(List<X509Certificate> chain, Date now) throws SSLHandshakeException {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(now, "now");
        if (chain.isEmpty()) {
            throw new SSLHandshakeException("the server sent no certificate: it cannot be authenticated "
                    + "(check that the broker's TLS listener has a certificate configured)");
        }
        try {
            trustManager.checkServerTrusted(chain.toArray(new X509Certificate[0]), "UNKNOWN");
        } catch (CertificateException | RuntimeException e) {
            throw ChainFailures.explain(chain, now, source, e);
        }
    }

    private static SSLHandshakeException failure(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    /**
     * Parses a DER chain with the JDK.
     *
     * @param ders the encodings, leaf first
     * @return the certificates
     * @throws SSLHandshakeException when an entry is not a certificate
     */
    public static List<X509Certificate> parse(List<byte[]> ders) throws SSLHandshakeException {
        List<X509Certificate> out = new ArrayList<>();
        for (byte[] der : ders) {
            try {
                out.add(x509(der));
            } catch (CertificateException e) {
                throw failure("the server sent a certificate that cannot be parsed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "trust in " + source;
    }
}

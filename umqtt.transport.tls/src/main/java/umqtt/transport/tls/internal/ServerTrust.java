package umqtt.transport.tls.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
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
 * Decides whether a server's certificate chain is trusted: PKIX validation (signatures, validity
 * dates, CA constraints, key usage) by the JDK against the CA certificates of a PEM file or the
 * JDK's default trust store. Failures are {@link SSLHandshakeException}s that say which check
 * failed and what to do.
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
        List<X509CertificateHolder> cas = PemFiles.certificates(caPem, "the CA file (TlsOptions.trustPem)");
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509CertificateHolder ca : cas) {
                store.setCertificateEntry("ca-" + i++, x509(ca.getEncoded()));
            }
            return new ServerTrust(trustManager(store), "the CA file " + caPem);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the CA certificates of " + caPem + ": " + e.getMessage(), e);
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
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
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
     * Checks a server's chain.
     *
     * @param chain the chain as the server sent it, leaf first
     * @param now the time to check validity at
     * @throws SSLHandshakeException when the chain is expired, not yet valid or not trusted
     */
    public void check(List<X509Certificate> chain, Date now) throws SSLHandshakeException {
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new SSLHandshakeException("the server sent no certificate: it cannot be authenticated "
                    + "(check that the broker's TLS listener has a certificate configured)");
        }
        for (X509Certificate c : chain) {
            try {
                c.checkValidity(now);
            } catch (CertificateExpiredException e) {
                throw failure("the server's certificate " + who(c, chain) + " expired on "
                        + c.getNotAfter().toInstant() + ": the broker must renew it (or the clock of this machine is wrong)", e);
            } catch (CertificateNotYetValidException e) {
                throw failure("the server's certificate " + who(c, chain) + " is not valid before "
                        + c.getNotBefore().toInstant() + ": check the clock of this machine and of the broker", e);
            }
        }
        try {
            trustManager.checkServerTrusted(chain.toArray(new X509Certificate[0]), "UNKNOWN");
        } catch (CertificateException | RuntimeException e) {
            X509Certificate leaf = chain.get(0);
            throw failure("the server's certificate chain is not trusted: " + leaf.getSubjectX500Principal()
                    + " issued by " + chain.get(chain.size() - 1).getIssuerX500Principal()
                    + " does not lead to a CA in " + source + " (" + rootCause(e)
                    + "); add its CA with TlsOptions.trustPem(caPem)", e);
        }
    }

    private static String who(X509Certificate c, List<X509Certificate> chain) {
        return (c == chain.get(0) ? "" : "chain entry ") + c.getSubjectX500Principal();
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
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

package umqtt.transport.tls.internal;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

/**
 * Explains why the JDK's PKIX trust manager refused a server's chain, in a sentence that names
 * the certificate at fault and says what to do. The JDK's own messages ("PKIX path building
 * failed ...") say neither.
 */
final class ChainFailures {

    private ChainFailures() {
    }

    /**
     * Explains a refusal.
     *
     * @param chain the chain as the server sent it, leaf first
     * @param now the time of the check
     * @param source where the trusted CAs came from, e.g. "the CA file /etc/ca.pem"
     * @param refusal what the trust manager threw
     * @return the exception to throw; its cause chain holds a {@link CertificateExpiredException}
     *     when a certificate on the path expired
     */
    static SSLHandshakeException explain(List<X509Certificate> chain, Date now, String source, Exception refusal) {
        X509Certificate leaf = chain.get(0);
        // The server's own certificate is on every path, so its dates can be judged alone.
        try {
            leaf.checkValidity(now);
        } catch (CertificateExpiredException e) {
            e.addSuppressed(refusal);
            return failure("the server's certificate " + leaf.getSubjectX500Principal() + " expired on "
                    + leaf.getNotAfter().toInstant() + ": the broker must renew it (or the clock of this machine is wrong)", e);
        } catch (CertificateNotYetValidException e) {
            e.addSuppressed(refusal);
            return failure("the server's certificate " + leaf.getSubjectX500Principal() + " is not valid before "
                    + leaf.getNotBefore().toInstant() + ": check the clock of this machine and of the broker", e);
        }
        CertPathValidatorException invalid = find(refusal, CertPathValidatorException.class);
        X509Certificate onPath = invalid == null ? null : certificateAt(invalid);
        if (onPath != null && invalid.getReason() == BasicReason.EXPIRED) {
            return failure("the certificate " + onPath.getSubjectX500Principal() + " on the path from the server's "
                    + "certificate to the CA expired on " + onPath.getNotAfter().toInstant()
                    + ": the broker must serve its renewed chain (or the clock of this machine is wrong)", refusal);
        }
        if (onPath != null && invalid.getReason() == BasicReason.NOT_YET_VALID) {
            return failure("the certificate " + onPath.getSubjectX500Principal() + " on the path from the server's "
                    + "certificate to the CA is not valid before " + onPath.getNotBefore().toInstant()
                    + ": check the clock of this machine and of the broker", refusal);
        }
        return failure("the server's certificate chain is not trusted: " + leaf.getSubjectX500Principal()
                + " issued by " + leaf.getIssuerX500Principal() + " does not lead to a CA in " + source
                + " (" + rootMessage(refusal) + ")" + expiredExtras(chain, now)
                + "; add its CA with TlsOptions.trustPem(caPem)", refusal);
    }

    /** Names the certificates the server sent, besides its own, that are out of date. */
    private static String expiredExtras(List<X509Certificate> chain, Date now) {
        List<String> stale = new ArrayList<>();
        for (X509Certificate c : chain.subList(1, chain.size())) {
            if (now.after(c.getNotAfter())) {
                stale.add(c.getSubjectX500Principal() + " expired on " + c.getNotAfter().toInstant());
            }
        }
        return stale.isEmpty() ? "" : "; of the other certificates it sent, " + String.join(", ", stale);
    }

    private static X509Certificate certificateAt(CertPathValidatorException e) {
        if (e.getCertPath() == null) {
            return null;
        }
        List<? extends Certificate> path = e.getCertPath().getCertificates();
        int i = e.getIndex();
        return i >= 0 && i < path.size() && path.get(i) instanceof X509Certificate x ? x : null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
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
     * Whether a refusal was about an expired certificate, for the TLS alert we send.
     *
     * @param e the refusal
     * @return true when a {@link CertificateExpiredException} is among its causes
     */
    static boolean expired(Throwable e) {
        return find(e, CertificateExpiredException.class) != null;
    }
}

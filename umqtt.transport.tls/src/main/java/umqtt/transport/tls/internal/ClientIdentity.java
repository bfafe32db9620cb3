package umqtt.transport.tls.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * A client certificate chain and its private key, read from PEM files and checked to belong
 * together, for mutual TLS.
 */
public final class ClientIdentity {

    private final List<byte[]> chain;
    private final AsymmetricKeyParameter key;
    private final String subject;

    private ClientIdentity(List<byte[]> chain, AsymmetricKeyParameter key, String subject) {
        this.chain = chain;
        this.key = key;
        this.subject = subject;
    }

    /**
     * Reads and checks a certificate chain and its key.
     *
     * @param certPem the certificate, optionally followed by its chain
     * @param keyPem the private key (PKCS#8, encrypted PKCS#8, PKCS#1 RSA or SEC1 EC)
     * @param password the password of an encrypted key, or null
     * @return the identity
     * @throws IOException when a file cannot be read, or the key is not the certificate's
     */
    public static ClientIdentity load(Path certPem, Path keyPem, char[] password) throws IOException {
        Objects.requireNonNull(certPem, "certPem");
        Objects.requireNonNull(keyPem, "keyPem");
        List<X509CertificateHolder> certs = PemFiles.certificates(certPem, "the client certificate file");
        PrivateKeyInfo info = withCurveOf(PemFiles.privateKey(keyPem, password), certs.get(0));
        if (info == null) {
            throw mismatch(keyPem, certPem, certs.get(0));
        }
        AsymmetricKeyParameter key;
        AsymmetricKeyParameter publicKey;
        try {
            key = PrivateKeyFactory.createKey(info);
        } catch (IOException | RuntimeException e) {
            throw new IOException("the client key in " + keyPem + " is of a kind we cannot use ("
                    + info.getPrivateKeyAlgorithm().getAlgorithm() + "): use an RSA, EC or Ed25519 key", e);
        }
        try {
            publicKey = PublicKeyFactory.createKey(certs.get(0).getSubjectPublicKeyInfo());
        } catch (IOException | RuntimeException e) {
            throw new IOException("the client certificate in " + certPem + " has a public key we cannot read", e);
        }
        if (!belongTogether(key, publicKey)) {
            throw mismatch(keyPem, certPem, certs.get(0));
        }
        List<byte[]> der = new ArrayList<>();
        for (X509CertificateHolder c : certs) {
            der.add(c.getEncoded());
        }
        return new ClientIdentity(List.copyOf(der), key, certs.get(0).getSubject().toString());
    }

    private static IOException mismatch(Path keyPem, Path certPem, X509CertificateHolder cert) {
        return new IOException("the client key in " + keyPem + " does not match the certificate in " + certPem
                + " (" + cert.getSubject() + "): give the private key that belongs to this certificate");
    }

    /**
     * A SEC1 EC key may omit its curve (the optional {@code parameters} field): then the curve is
     * the certificate's, which the key must match anyway. Null when the certificate is not EC.
     */
    private static PrivateKeyInfo withCurveOf(PrivateKeyInfo info, X509CertificateHolder cert) throws IOException {
        AlgorithmIdentifier keyAlgorithm = info.getPrivateKeyAlgorithm();
        AlgorithmIdentifier certAlgorithm = cert.getSubjectPublicKeyInfo().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(keyAlgorithm.getAlgorithm()) && keyAlgorithm.getParameters() == null) {
            if (!X9ObjectIdentifiers.id_ecPublicKey.equals(certAlgorithm.getAlgorithm())) {
                return null;
            }
            return new PrivateKeyInfo(certAlgorithm, info.parsePrivateKey());
        }
        return info;
    }

    /**
     * Whether a private key and a public key are two halves of one key pair.
     *
     * @param privateKey the private key
     * @param publicKey the public key
     * @return true when they belong together
     */
    static boolean belongTogether(AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey) {
        if (privateKey instanceof RSAKeyParameters rsa && publicKey instanceof RSAKeyParameters pub) {
            return rsa.getModulus().equals(pub.getModulus());
        }
        if (privateKey instanceof ECPrivateKeyParameters ec && publicKey instanceof ECPublicKeyParameters pub) {
            var q = ec.getParameters().getG().multiply(ec.getD()).normalize();
            return ec.getParameters().getCurve().equals(pub.getParameters().getCurve()) && q.equals(pub.getQ());
        }
        if (privateKey instanceof Ed25519PrivateKeyParameters ed && publicKey instanceof Ed25519PublicKeyParameters pub) {
            return Arrays.equals(ed.generatePublicKey().getEncoded(), pub.getEncoded());
        }
        return false;
    }

    /**
     * The certificates, leaf first, DER encoded.
     *
     * @return the chain
     */
    public List<byte[]> chain() {
        return chain;
    }

    /**
     * The private key.
     *
     * @return the key
     */
    public AsymmetricKeyParameter key() {
        return key;
    }

    /**
     * The subject of the leaf certificate, for messages.
     *
     * @return the subject's distinguished name
     */
    public String subject() {
        return subject;
    }

    @Override
    public String toString() {
        return "client certificate " + subject;
    }
}

package umqtt.transport.tls.internal;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;

/**
 * Picks the signature scheme our client key signs the handshake with, among those the server
 * accepts (RFC 8446 §4.4.3 for TLS 1.3, RFC 5246 §7.4.1.4.1 for TLS 1.2).
 */
final class SignatureChoice {

    private SignatureChoice() {
    }

    /**
     * Our preferred scheme the server also accepts.
     *
     * @param key the client's private key
     * @param accepted the schemes of the server's CertificateRequest (null: the TLS 1.2 defaults)
     * @param tls13 whether TLS 1.3 was negotiated
     * @return the scheme, or null when the server accepts none the key can make
     */
    static SignatureAndHashAlgorithm choose(AsymmetricKeyParameter key, List<?> accepted, boolean tls13) {
        for (SignatureAndHashAlgorithm candidate : candidates(key, tls13)) {
            if (accepted == null || accepted.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The schemes a key can make, best first.
     *
     * @param key the private key
     * @param tls13 whether TLS 1.3 was negotiated (it forbids PKCS#1 v1.5 and ties ECDSA hashes to curves)
     * @return the schemes, empty for a key of another kind
     */
    static List<SignatureAndHashAlgorithm> candidates(AsymmetricKeyParameter key, boolean tls13) {
        List<SignatureAndHashAlgorithm> out = new ArrayList<>();
        if (key instanceof RSAKeyParameters) {
            out.add(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256);
            out.add(SignatureAndHashAlgorithm.rsa_pss_rsae_sha384);
            out.add(SignatureAndHashAlgorithm.rsa_pss_rsae_sha512);
            if (!tls13) {
                out.add(rsa(HashAlgorithm.sha256));
                out.add(rsa(HashAlgorithm.sha384));
                out.add(rsa(HashAlgorithm.sha512));
            }
        } else if (key instanceof ECPrivateKeyParameters ec) {
            int bits = ec.getParameters().getCurve().getFieldSize();
            short curveHash = bits <= 256 ? HashAlgorithm.sha256 : bits <= 384 ? HashAlgorithm.sha384 : HashAlgorithm.sha512;
            out.add(ecdsa(curveHash));
            if (!tls13) {
                for (short h : new short[] {HashAlgorithm.sha256, HashAlgorithm.sha384, HashAlgorithm.sha512}) {
                    if (h != curveHash) {
                        out.add(ecdsa(h));
                    }
                }
            }
        } else if (key instanceof Ed25519PrivateKeyParameters) {
            out.add(SignatureAndHashAlgorithm.ed25519);
        }
        return out;
    }

    private static SignatureAndHashAlgorithm rsa(short hash) {
        return SignatureAndHashAlgorithm.getInstance(hash, SignatureAlgorithm.rsa);
    }

    private static SignatureAndHashAlgorithm ecdsa(short hash) {
        return SignatureAndHashAlgorithm.getInstance(hash, SignatureAlgorithm.ecdsa);
    }
}

package umqtt.transport.tls.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads certificates and private keys from PEM files: certificates ({@code CERTIFICATE}) and
 * keys as PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}), PKCS#1
 * RSA ({@code RSA PRIVATE KEY}) or SEC1 EC ({@code EC PRIVATE KEY}, possibly after its
 * {@code EC PARAMETERS}). Every error names the file and says what to fix; none shows key bytes
 * or the password.
 */
public final class PemFiles {

    private PemFiles() {
    }

    /**
     * Every certificate in a PEM file, in file order.
     *
     * @param file the PEM file
     * @param role what the file is for, e.g. "the CA file (TlsOptions.trustPem)"
     * @return the certificates, at least one
     * @throws IOException when the file cannot be read, is not PEM, or holds no certificate
     */
    public static List<X509CertificateHolder> certificates(Path file, String role) throws IOException {
        Objects.requireNonNull(file, "file");
        List<X509CertificateHolder> out = new ArrayList<>();
        for (Object o : objects(file, role)) {
            if (o instanceof X509CertificateHolder c) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new IOException(role + " " + file + " holds no certificate: expected one or more "
                    + "'-----BEGIN CERTIFICATE-----' blocks");
        }
        return out;
    }

    /**
     * The private key in a PEM file.
     *
     * @param file the PEM file
     * @param password the password of an encrypted key, or null
     * @return the key
     * @throws IOException when the file cannot be read, holds no key, or the key cannot be
     *     decrypted
     */
    public static PrivateKeyInfo privateKey(Path file, char[] password) throws IOException {
        Objects.requireNonNull(file, "file");
        String role = "the client key file";
        for (Object o : objects(file, role)) {
            if (o instanceof PrivateKeyInfo k) {
                return k;
            }
            if (o instanceof PEMKeyPair pair) {
                return pair.getPrivateKeyInfo();
            }
            if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                return decrypt(file, enc, needPassword(file, password));
            }
            if (o instanceof PEMEncryptedKeyPair enc) {
                char[] pass = needPassword(file, password);
                try {
                    return enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(Bc.PROVIDER)
                            .build(pass)).getPrivateKeyInfo();
                } catch (IOException e) {
                    throw new IOException("cannot decrypt the client key in " + file
                            + ": is the password right?", e);
                }
            }
        }
        throw new IOException(role + " " + file + " holds no private key: expected a PEM block "
                + "'PRIVATE KEY' (PKCS#8), 'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY' (PKCS#1) or "
                + "'EC PRIVATE KEY' (SEC1)");
    }

    private static PrivateKeyInfo decrypt(Path file, PKCS8EncryptedPrivateKeyInfo enc, char[] password)
            throws IOException {
        try {
            return enc.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(Bc.PROVIDER).build(password));
        } catch (PKCSException | OperatorCreationException e) {
            // The cause's text is about algorithms and padding, never the key: keep it for diagnosis.
            throw new IOException("cannot decrypt the encrypted PKCS#8 client key in " + file
                    + ": is the password right? (" + e.getMessage() + ")", e);
        }
    }

    private static char[] needPassword(Path file, char[] password) throws IOException {
        if (password == null) {
            throw new IOException("the client key in " + file + " is encrypted: give its password with "
                    + "TlsOptions.builder().clientCertificate(certPem, keyPem, password)");
        }
        return password;
    }

    private static List<Object> objects(Path file, String role) throws IOException {
        List<Object> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                out.add(o);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "cannot read " + role + " " + file
                    + ": no such file");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(file.toString(), null, "cannot read " + role + " " + file
                    + ": permission denied");
        } catch (IOException | RuntimeException e) {
            if (Files.isDirectory(file)) {
                throw new IOException("cannot read " + role + " " + file + ": it is a directory, not a PEM file", e);
            }
            throw new IOException(role + " " + file + " is not a readable PEM file (" + e.getMessage() + ")", e);
        }
        return out;
    }

    /** BouncyCastle's JCA provider, passed explicitly where needed, never installed globally. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}

package umqtt.tests.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import umqtt.tests.brokers.TestFolders;

/**
 * Certificate chains as public CAs serve them, generated once per JVM (EC P-256, instant): a root
 * that clients trust, an intermediate under it, a localhost server certificate under that — and
 * the clutter real servers send along: the root cross-signed by an older root, both long expired
 * (as Let's Encrypt sent ISRG Root X1 signed by the expired DST Root CA X3, and Sectigo its root
 * signed by the expired AddTrust External CA Root), and an unrelated expired certificate. Also the
 * failures: an expired server certificate, an expired intermediate, a wrong host, a stranger root.
 */
final class ChainPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The trusted root, self-signed. */
    final X509Certificate root;
    /** The intermediate, signed by {@link #root}. */
    final X509Certificate intermediate;
    /** The server certificate (localhost, 127.0.0.1), signed by {@link #intermediate}. */
    final X509Certificate leaf;
    /** The key of every server certificate here. */
    final KeyPair serverKeys;
    /** An old root, self-signed, expired. */
    final X509Certificate oldRoot;
    /** {@link #root}'s name and key, signed by {@link #oldRoot}, expired. */
    final X509Certificate crossSignedRoot;
    /** A certificate on no path at all, expired. */
    final X509Certificate unrelatedExpired;
    /** A server certificate like {@link #leaf} that expired yesterday. */
    final X509Certificate expiredLeaf;
    /** An intermediate under {@link #root} that expired yesterday. */
    final X509Certificate expiredIntermediate;
    /** A server certificate signed by {@link #expiredIntermediate}, itself valid. */
    final X509Certificate leafOfExpiredIntermediate;
    /** A server certificate under {@link #intermediate} for {@code wrong.example} only. */
    final X509Certificate wrongHostLeaf;
    /** A root nobody trusts. */
    final X509Certificate strangerRoot;
    /** PEM file holding {@link #root} only. */
    final Path rootPem;
    /** PEM file holding {@link #strangerRoot} only. */
    final Path strangerPem;

    private static final class Holder {
        static final ChainPki INSTANCE = generate();
    }

    static ChainPki get() {
        return Holder.INSTANCE;
    }

    private ChainPki() throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(1));
        Instant until = now.plus(Duration.ofDays(30));
        Instant longAgo = now.minus(Duration.ofDays(3 * 365));
        Instant yesterday = now.minus(Duration.ofDays(1));

        KeyPair rootKeys = ec();
        X500Name rootName = new X500Name("CN=umqtt chain root");
        root = ca(rootName, rootKeys.getPublic(), rootName, rootKeys, from, until);
        KeyPair oldRootKeys = ec();
        X500Name oldRootName = new X500Name("CN=umqtt old root");
        oldRoot = ca(oldRootName, oldRootKeys.getPublic(), oldRootName, oldRootKeys, longAgo, yesterday);
        crossSignedRoot = ca(rootName, rootKeys.getPublic(), oldRootName, oldRootKeys, longAgo, yesterday);

        KeyPair intermediateKeys = ec();
        X500Name intermediateName = new X500Name("CN=umqtt chain intermediate");
        intermediate = ca(intermediateName, intermediateKeys.getPublic(), rootName, rootKeys, from, until);
        KeyPair expiredIntermediateKeys = ec();
        X500Name expiredIntermediateName = new X500Name("CN=umqtt expired intermediate");
        expiredIntermediate = ca(expiredIntermediateName, expiredIntermediateKeys.getPublic(), rootName, rootKeys,
                longAgo, yesterday);

        serverKeys = ec();
        GeneralNames localhost = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1")
        });
        leaf = server("localhost", localhost, intermediateName, intermediateKeys, from, until);
        expiredLeaf = server("localhost", localhost, intermediateName, intermediateKeys, longAgo, yesterday);
        leafOfExpiredIntermediate = server("localhost", localhost, expiredIntermediateName, expiredIntermediateKeys,
                from, until);
        wrongHostLeaf = server("wrong.example", new GeneralNames(new GeneralName(GeneralName.dNSName, "wrong.example")),
                intermediateName, intermediateKeys, from, until);

        KeyPair unrelatedKeys = ec();
        X500Name unrelatedName = new X500Name("CN=umqtt unrelated expired");
        unrelatedExpired = ca(unrelatedName, unrelatedKeys.getPublic(), unrelatedName, unrelatedKeys, longAgo, yesterday);
        KeyPair strangerKeys = ec();
        X500Name strangerName = new X500Name("CN=umqtt chain root");  // the trusted root's name, another key
        strangerRoot = ca(strangerName, strangerKeys.getPublic(), strangerName, strangerKeys, from, until);

        Path folder = TestFolders.create("chains-");
        rootPem = pem(folder.resolve("root.pem"), root);
        strangerPem = pem(folder.resolve("stranger.pem"), strangerRoot);
    }

    private static ChainPki generate() {
        try {
            return new ChainPki();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the test chains", e);
        }
    }

    private static X509Certificate ca(X500Name subject, PublicKey key, X500Name issuer, KeyPair issuerKeys,
            Instant from, Instant until) throws GeneralSecurityException, OperatorCreationException, IOException {
        return sign(builder(subject, key, issuer, issuerKeys, from, until)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                issuerKeys);
    }

    private X509Certificate server(String cn, GeneralNames names, X500Name issuer, KeyPair issuerKeys, Instant from,
            Instant until) throws GeneralSecurityException, OperatorCreationException, IOException {
        return sign(builder(new X500Name("CN=" + cn), serverKeys.getPublic(), issuer, issuerKeys, from, until)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, names), issuerKeys);
    }

    private static X509v3CertificateBuilder builder(X500Name subject, PublicKey key, X500Name issuer,
            KeyPair issuerKeys, Instant from, Instant until) throws GeneralSecurityException, IOException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, RANDOM).add(BigInteger.ONE),
                Date.from(from), Date.from(until), subject, key)
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static Path pem(Path file, X509Certificate certificate) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        }
        return file;
    }
}

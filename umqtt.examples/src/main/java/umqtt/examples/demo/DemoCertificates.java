package umqtt.examples.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
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
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo's certificates, made at start-up (nothing is committed): a CA, and a server
 * certificate for {@code localhost} and {@code 127.0.0.1} signed by it. The CA goes to a PEM file
 * for the clients; the server's key and chain to a PKCS#12 keystore for HiveMQ.
 */
final class DemoCertificates {

    /** The demo keystore's password; it guards a throwaway key made for this run only. */
    static final String KEYSTORE_PASSWORD = "umqtt-demo";

    private final Path caPem;
    private final Path serverKeystore;

    private DemoCertificates(Path caPem, Path serverKeystore) {
        this.caPem = caPem;
        this.serverKeystore = serverKeystore;
    }

    /** Makes the CA and the server certificate in {@code folder}. */
    static DemoCertificates create(Path folder) throws IOException {
        try {
            SecureRandom random = new SecureRandom();
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofHours(1)));
            Date until = Date.from(now.plus(Duration.ofDays(1)));
            KeyPair caKeys = rsa(random);
            X500Name caName = new X500Name("CN=umqtt demo CA");
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, new BigInteger(64, random), from,
                    until, caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca, caKeys);

            KeyPair serverKeys = rsa(random);
            GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())});
            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, new BigInteger(64, random), from,
                    until, new X500Name("CN=localhost"), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, names);
            X509Certificate serverCert = sign(server, caKeys);

            Path caPem = folder.resolve("demo-ca.pem");
            try (Writer out = Files.newBufferedWriter(caPem, StandardCharsets.US_ASCII);
                    JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(caCert);
            }
            Path keystore = folder.resolve("demo-server.p12");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", serverKeys.getPrivate(), KEYSTORE_PASSWORD.toCharArray(),
                    new Certificate[] {serverCert, caCert});
            try (OutputStream out = Files.newOutputStream(keystore)) {
                store.store(out, KEYSTORE_PASSWORD.toCharArray());
            }
            return new DemoCertificates(caPem, keystore);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the demo certificates: " + e.getMessage(), e);
        }
    }

    /** @return the CA certificate (PEM) that clients trust */
    Path caPem() {
        return caPem;
    }

    /** @return the server's PKCS#12 keystore (key and chain) */
    Path serverKeystore() {
        return serverKeystore;
    }

    private static KeyPair rsa(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, random);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }
}

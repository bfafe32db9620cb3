package umqtt.tests.brokers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The certificates, keys and pre-shared key of a test run, generated once per JVM with BouncyCastle
 * and written as PEM files (and PKCS#12 key stores) into a fresh folder under {@code target/}.
 * Nothing here is a secret: every file is thrown away with the build.
 *
 * <p>Layout: a test CA signs the server certificate ({@code DNS:localhost}, {@code IP:127.0.0.1}),
 * a wrong-host one ({@code DNS:wrong.example} only), an expired one, and the client certificates
 * (RSA and EC P-256). A second, untrusted CA (EC P-256) signs another localhost server certificate.
 */
public final class TestPki {

    private static final char[] STORE_PASSWORD = "umqtt-test-store".toCharArray();
    private static final char[] KEY_PASSWORD = "umqtt-test-key".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final String pskIdentity;
    private final byte[] pskKey;

    private TestPki(Path folder, String pskIdentity, byte[] pskKey) {
        this.folder = folder;
        this.pskIdentity = pskIdentity;
        this.pskKey = pskKey;
    }

    /**
     * Returns the PKI of this JVM, generating it on first use (about a second).
     *
     * @return the shared instance
     */
    public static TestPki get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final TestPki INSTANCE = generate(TestFolders.create("pki-"));
    }

    /** @return the folder that holds every file of this PKI */
    public Path folder() {
        return folder;
    }

    /** @return PEM certificate of the test CA that signs every trusted certificate */
    public Path caCert() {
        return folder.resolve("ca.crt");
    }

    /** @return PEM server certificate signed by the CA, SANs {@code DNS:localhost}, {@code IP:127.0.0.1} */
    public Path serverCert() {
        return folder.resolve("server.crt");
    }

    /** @return PEM (PKCS#8) private key of {@link #serverCert()} */
    public Path serverKey() {
        return folder.resolve("server.key");
    }

    /** @return PEM server certificate signed by the CA whose only SAN is {@code DNS:wrong.example} */
    public Path wrongHostCert() {
        return folder.resolve("wrong-host.crt");
    }

    /** @return PEM (PKCS#8) private key of {@link #wrongHostCert()} */
    public Path wrongHostKey() {
        return folder.resolve("wrong-host.key");
    }

    /** @return PEM server certificate signed by the CA for localhost/127.0.0.1, expired yesterday */
    public Path expiredCert() {
        return folder.resolve("expired.crt");
    }

    /** @return PEM (PKCS#8) private key of {@link #expiredCert()} */
    public Path expiredKey() {
        return folder.resolve("expired.key");
    }

    /** @return PEM certificate of a second CA (EC P-256) that no test trusts */
    public Path untrustedCaCert() {
        return folder.resolve("untrusted-ca.crt");
    }

    /** @return PEM server certificate for localhost/127.0.0.1 signed by the untrusted CA */
    public Path untrustedServerCert() {
        return folder.resolve("untrusted-server.crt");
    }

    /** @return PEM (PKCS#8) private key of {@link #untrustedServerCert()} */
    public Path untrustedServerKey() {
        return folder.resolve("untrusted-server.key");
    }

    /** @return PEM client certificate (RSA 2048, CN=umqtt-client-rsa) signed by the CA */
    public Path clientRsaCert() {
        return folder.resolve("client-rsa.crt");
    }

    /** @return the RSA client key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) */
    public Path clientRsaKeyPkcs8() {
        return folder.resolve("client-rsa.pkcs8.key");
    }

    /** @return the same RSA client key as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) */
    public Path clientRsaKeyPkcs1() {
        return folder.resolve("client-rsa.pkcs1.key");
    }

    /**
     * @return the same RSA client key as encrypted PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY},
     *     PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256), password {@link #clientKeyPassword()}
     */
    public Path clientRsaKeyEncrypted() {
        return folder.resolve("client-rsa.encrypted.key");
    }

    /** @return a fresh copy of the password of {@link #clientRsaKeyEncrypted()} */
    public char[] clientKeyPassword() {
        return KEY_PASSWORD.clone();
    }

    /** @return PEM client certificate (EC P-256, CN=umqtt-client-ec) signed by the CA */
    public Path clientEcCert() {
        return folder.resolve("client-ec.crt");
    }

    /** @return the EC client key as SEC1 ({@code BEGIN EC PRIVATE KEY}) */
    public Path clientEcKeySec1() {
        return folder.resolve("client-ec.sec1.key");
    }

    /** @return PKCS#12 key store holding the server certificate (with the CA) and its key, alias "server" */
    public Path serverKeystore() {
        return folder.resolve("server.p12");
    }

    /** @return PKCS#12 key store like {@link #serverKeystore()} with {@link #wrongHostCert()} */
    public Path wrongHostKeystore() {
        return folder.resolve("wrong-host.p12");
    }

    /** @return PKCS#12 key store like {@link #serverKeystore()} with {@link #expiredCert()} */
    public Path expiredKeystore() {
        return folder.resolve("expired.p12");
    }

    /** @return PKCS#12 key store holding the RSA client certificate (with the CA) and its key, alias "client" */
    public Path clientKeystore() {
        return folder.resolve("client-rsa.p12");
    }

    /** @return PKCS#12 trust store holding only the CA certificate, alias "ca" */
    public Path trustStore() {
        return folder.resolve("ca.p12");
    }

    /** @return a fresh copy of the password of both key stores and of the key inside {@link #serverKeystore()} */
    public char[] keystorePassword() {
        return STORE_PASSWORD.clone();
    }

    /** @return the TLS-PSK identity of this run */
    public String pskIdentity() {
        return pskIdentity;
    }

    /** @return a fresh copy of the TLS-PSK key of this run (32 random bytes) */
    public byte[] pskKey() {
        return pskKey.clone();
    }

    /** @return Mosquitto's {@code psk_file}: one line {@code identity:hexkey} */
    public Path pskFile() {
        return folder.resolve("psk.txt");
    }

    @Override
    public String toString() {
        return "TestPki[" + folder + "]";
    }

    private static TestPki generate(Path folder) {
        try {
            byte[] psk = new byte[32];
            RANDOM.nextBytes(psk);
            TestPki pki = new TestPki(folder, "umqtt-test-" + HexFormat.of().formatHex(randomBytes(4)), psk);
            pki.writeAll();
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test PKI into " + folder, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the test PKI", e);
        }
    }

    private void writeAll() throws IOException, GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(1));
        Instant until = now.plus(Duration.ofDays(30));

        KeyPair caKeys = rsa();
        X500Name caName = new X500Name("CN=umqtt test CA");
        X509Certificate ca = new Issuer(caName, caKeys).ca(from, until);
        Issuer issuer = new Issuer(caName, caKeys);

        KeyPair serverKeys = rsa();
        X509Certificate server = issuer.server("localhost", serverKeys, from, until, localhostNames());
        X509Certificate wrongHost = issuer.server("wrong.example", serverKeys, from, until,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "wrong.example")));
        X509Certificate expired = issuer.server("localhost", serverKeys,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), localhostNames());

        KeyPair untrustedCaKeys = ec(); // RSA key generation costs ~0.3 s each here; EC is instant
        X500Name untrustedName = new X500Name("CN=umqtt untrusted CA");
        X509Certificate untrustedCa = new Issuer(untrustedName, untrustedCaKeys).ca(from, until);
        X509Certificate untrustedServer = new Issuer(untrustedName, untrustedCaKeys)
                .server("localhost", serverKeys, from, until, localhostNames());

        KeyPair clientRsaKeys = rsa();
        X509Certificate clientRsa = issuer.client("umqtt-client-rsa", clientRsaKeys, from, until);
        KeyPair clientEcKeys = ec();
        X509Certificate clientEc = issuer.client("umqtt-client-ec", clientEcKeys, from, until);

        writePem(caCert(), ca);
        writePem(serverCert(), server);
        writePem(serverKey(), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
        writePem(wrongHostCert(), wrongHost);
        writePem(wrongHostKey(), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
        writePem(expiredCert(), expired);
        writePem(expiredKey(), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
        writePem(untrustedCaCert(), untrustedCa);
        writePem(untrustedServerCert(), untrustedServer);
        writePem(untrustedServerKey(), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
        writePem(clientRsaCert(), clientRsa);
        writePem(clientRsaKeyPkcs8(), new JcaPKCS8Generator(clientRsaKeys.getPrivate(), null));
        // JcaPEMWriter writes a bare RSA private key in its traditional form: PKCS#1.
        writePem(clientRsaKeyPkcs1(), clientRsaKeys.getPrivate());
        writePem(clientRsaKeyEncrypted(), new JcaPKCS8Generator(clientRsaKeys.getPrivate(),
                new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                        .setPRF(PKCS8Generator.PRF_HMACSHA256)
                        .setProvider(new BouncyCastleProvider())
                        .setRandom(RANDOM)
                        .setPassword(KEY_PASSWORD)
                        .build()));
        writePem(clientEcCert(), clientEc);
        writePem(clientEcKeySec1(), sec1(clientEcKeys));

        writeKeystore(serverKeystore(), "server", serverKeys.getPrivate(), server, ca);
        writeKeystore(wrongHostKeystore(), "server", serverKeys.getPrivate(), wrongHost, ca);
        writeKeystore(expiredKeystore(), "server", serverKeys.getPrivate(), expired, ca);
        writeKeystore(clientKeystore(), "client", clientRsaKeys.getPrivate(), clientRsa, ca);
        writeTrustStore(ca);
        Files.writeString(pskFile(), pskIdentity + ":" + HexFormat.of().formatHex(pskKey) + "\n",
                StandardCharsets.US_ASCII);
    }

    private static void writeKeystore(Path file, String alias, PrivateKey key, X509Certificate leaf,
            X509Certificate ca) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, STORE_PASSWORD, new Certificate[] {leaf, ca});
        save(store, file);
    }

    private void writeTrustStore(X509Certificate ca) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        save(store, trustStore());
    }

    private static void save(KeyStore store, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD);
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }

    /**
     * SEC1 with the curve's name and the public key, as {@code openssl ecparam -genkey} writes it
     * (the JDK's own encoding leaves the public key out, which some PEM readers cannot pair).
     */
    private static PemObject sec1(KeyPair keys) throws IOException {
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        BigInteger secret = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, secret,
                publicKey.getPublicKeyData(), publicKey.getAlgorithm().getParameters());
        return new PemObject("EC PRIVATE KEY", sec1.getEncoded());
    }

    private static GeneralNames localhostNames() {
        return new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1")
        });
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A CA (name and key pair) that signs certificates with SHA-256 and its RSA or EC key. */
    private record Issuer(X500Name name, KeyPair keys) {

        X509Certificate ca(Instant from, Instant until) throws GeneralSecurityException, OperatorCreationException,
                IOException {
            X509v3CertificateBuilder builder = builder(name, keys, from, until)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return sign(builder);
        }

        X509Certificate server(String commonName, KeyPair subject, Instant from, Instant until, GeneralNames names)
                throws GeneralSecurityException, OperatorCreationException, IOException {
            X509v3CertificateBuilder builder = leaf(commonName, subject, from, until, KeyPurposeId.id_kp_serverAuth)
                    .addExtension(Extension.subjectAlternativeName, false, names);
            return sign(builder);
        }

        X509Certificate client(String commonName, KeyPair subject, Instant from, Instant until)
                throws GeneralSecurityException, OperatorCreationException, IOException {
            return sign(leaf(commonName, subject, from, until, KeyPurposeId.id_kp_clientAuth));
        }

        private X509v3CertificateBuilder leaf(String commonName, KeyPair subject, Instant from, Instant until,
                KeyPurposeId purpose) throws GeneralSecurityException, IOException {
            int usage = "RSA".equals(subject.getPublic().getAlgorithm())
                    ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                    : KeyUsage.digitalSignature;
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            return new JcaX509v3CertificateBuilder(name, serial(), Date.from(from), Date.from(until),
                    new X500Name("CN=" + commonName), subject.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(subject.getPublic()));
        }

        private static X509v3CertificateBuilder builder(X500Name name, KeyPair keys, Instant from, Instant until)
                throws GeneralSecurityException, IOException {
            return new JcaX509v3CertificateBuilder(name, serial(), Date.from(from), Date.from(until), name,
                    keys.getPublic())
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
        }

        private X509Certificate sign(X509v3CertificateBuilder builder)
                throws GeneralSecurityException, OperatorCreationException {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm()).build(keys.getPrivate())));
        }

        private String signatureAlgorithm() {
            return "RSA".equals(keys.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        }

        private static BigInteger serial() {
            return new BigInteger(63, RANDOM).add(BigInteger.ONE);
        }
    }
}

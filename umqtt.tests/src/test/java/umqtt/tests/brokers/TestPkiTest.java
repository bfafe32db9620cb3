package umqtt.tests.brokers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.junit.jupiter.api.Test;

/** The generated PKI has the shape the TLS tests rely on; checked with the JDK where it can. */
class TestPkiTest {

    private final TestPki pki = TestPki.get();

    @Test
    void isGeneratedOncePerJvmUnderTarget() {
        assertTrue(pki == TestPki.get());
        String target = System.getProperty("umqtt.tests.target", System.getProperty("java.io.tmpdir"));
        assertTrue(pki.folder().startsWith(Path.of(target)), pki.folder().toString());
    }

    @Test
    void serverCertificateIsSignedByTheCaForLocalhostAndLoopback() throws Exception {
        X509Certificate ca = certificate(pki.caCert());
        X509Certificate server = certificate(pki.serverCert());
        server.verify(ca.getPublicKey());
        server.checkValidity();
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")),
                List.copyOf(server.getSubjectAlternativeNames()));
        assertTrue(ca.getBasicConstraints() >= 0, "the CA must be a CA");
        assertEquals(-1, server.getBasicConstraints());
        assertKeyMatches(key(pki.serverKey()), server.getPublicKey());
    }

    @Test
    void wrongHostCertificateNamesOnlyWrongExample() throws Exception {
        X509Certificate wrong = certificate(pki.wrongHostCert());
        wrong.verify(certificate(pki.caCert()).getPublicKey());
        assertEquals(List.of(List.of(2, "wrong.example")), List.copyOf(wrong.getSubjectAlternativeNames()));
        assertKeyMatches(key(pki.wrongHostKey()), wrong.getPublicKey());
    }

    @Test
    void expiredCertificateIsSignedByTheCaButExpired() throws Exception {
        X509Certificate expired = certificate(pki.expiredCert());
        expired.verify(certificate(pki.caCert()).getPublicKey());
        assertThrows(CertificateExpiredException.class, expired::checkValidity);
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")),
                List.copyOf(expired.getSubjectAlternativeNames()));
        assertKeyMatches(key(pki.expiredKey()), expired.getPublicKey());
    }

    @Test
    void untrustedServerIsSignedByAnotherCa() throws Exception {
        X509Certificate untrusted = certificate(pki.untrustedServerCert());
        untrusted.verify(certificate(pki.untrustedCaCert()).getPublicKey());
        assertThrows(GeneralSecurityException.class, () -> untrusted.verify(certificate(pki.caCert()).getPublicKey()));
        assertKeyMatches(key(pki.untrustedServerKey()), untrusted.getPublicKey());
    }

    @Test
    void rsaClientKeyComesAsPkcs8Pkcs1AndEncryptedPkcs8() throws Exception {
        X509Certificate client = certificate(pki.clientRsaCert());
        client.verify(certificate(pki.caCert()).getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), client.getExtendedKeyUsage()); // clientAuth

        assertTrue(firstLine(pki.clientRsaKeyPkcs8()).equals("-----BEGIN PRIVATE KEY-----"));
        assertTrue(firstLine(pki.clientRsaKeyPkcs1()).equals("-----BEGIN RSA PRIVATE KEY-----"));
        assertTrue(firstLine(pki.clientRsaKeyEncrypted()).equals("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

        PrivateKey pkcs8 = key(pki.clientRsaKeyPkcs8());
        assertKeyMatches(pkcs8, client.getPublicKey());
        assertArrayEquals(pkcs8.getEncoded(), key(pki.clientRsaKeyPkcs1()).getEncoded());
        assertArrayEquals(pkcs8.getEncoded(), decrypt(pki.clientRsaKeyEncrypted(), pki.clientKeyPassword()).getEncoded());
        assertThrows(PKCSException.class, () -> decrypt(pki.clientRsaKeyEncrypted(), "wrong".toCharArray()));
    }

    @Test
    void ecClientKeyIsSec1OnP256() throws Exception {
        X509Certificate client = certificate(pki.clientEcCert());
        client.verify(certificate(pki.caCert()).getPublicKey());
        assertEquals("-----BEGIN EC PRIVATE KEY-----", firstLine(pki.clientEcKeySec1()));
        PrivateKey key = key(pki.clientEcKeySec1());
        assertEquals(256, ((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize());
        assertKeyMatches(key, client.getPublicKey());
    }

    @Test
    void pskFileHoldsTheIdentityAndTheKeyInHex() throws IOException {
        assertEquals(32, pki.pskKey().length);
        assertEquals(pki.pskIdentity() + ":" + HexFormat.of().formatHex(pki.pskKey()),
                Files.readString(pki.pskFile(), StandardCharsets.US_ASCII).strip());
        byte[] copy = pki.pskKey();
        copy[0] ^= 1;
        assertNotEquals(copy[0], pki.pskKey()[0], "callers get a copy of the key");
    }

    @Test
    void keyStoresOpenWithTheirPassword() throws Exception {
        assertTrue(JsseContexts.server().getSocketFactory() != null);
        assertTrue(JsseContexts.clientWithCertificate().getSocketFactory() != null);
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String firstLine(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.US_ASCII).get(0);
    }

    private static PrivateKey key(Path pem) throws IOException {
        Object parsed = parse(pem);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        return parsed instanceof PEMKeyPair pair
                ? converter.getKeyPair(pair).getPrivate()
                : converter.getPrivateKey((PrivateKeyInfo) parsed);
    }

    private static PrivateKey decrypt(Path pem, char[] password) throws Exception {
        PKCS8EncryptedPrivateKeyInfo encrypted = (PKCS8EncryptedPrivateKeyInfo) parse(pem);
        PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(password));
        return new JcaPEMKeyConverter().getPrivateKey(info);
    }

    private static Object parse(Path pem) throws IOException {
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        }
    }

    private static void assertKeyMatches(PrivateKey key, PublicKey publicKey) throws Exception {
        String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] data = "umqtt".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(data);
        assertTrue(verifier.verify(signature), "the key does not belong to the certificate");
    }
}

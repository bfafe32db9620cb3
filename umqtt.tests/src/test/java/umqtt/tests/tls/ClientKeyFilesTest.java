package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.TestPki;
import umqtt.transport.tls.internal.ClientIdentity;
import umqtt.transport.tls.internal.PemFiles;

/** Reading client certificates and keys from PEM files, and the errors for bad files. */
class ClientKeyFilesTest {

    private static final TestPki PKI = TestPki.get();

    @Test
    void everyKeyFormatLoadsAndMatchesItsCertificate() throws IOException {
        assertLoads(PKI.clientRsaCert(), PKI.clientRsaKeyPkcs8(), null);
        assertLoads(PKI.clientRsaCert(), PKI.clientRsaKeyPkcs1(), null);
        assertLoads(PKI.clientRsaCert(), PKI.clientRsaKeyEncrypted(), PKI.clientKeyPassword());
        assertLoads(PKI.clientEcCert(), PKI.clientEcKeySec1(), null);
    }

    private static void assertLoads(Path cert, Path key, char[] password) throws IOException {
        ClientIdentity id = ClientIdentity.load(cert, key, password);
        assertEquals(1, id.chain().size());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withMutualTls")
    void aSec1KeyWithoutItsCurveTakesTheCurveOfItsCertificate(Broker broker) throws Exception {
        // "EC PRIVATE KEY" without the optional parameters field, as some tools write it.
        PrivateKeyInfo full = PemFiles.privateKey(PKI.clientEcKeySec1(), null);
        java.math.BigInteger d = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(full.parsePrivateKey()).getKey();
        byte[] bare = new org.bouncycastle.asn1.sec.ECPrivateKey(256, d).getEncoded();
        Path key = Files.createTempFile(PKI.folder(), "ec-no-curve-", ".key");
        try (var w = new PemWriter(Files.newBufferedWriter(key))) {
            w.writeObject(new PemObject("EC PRIVATE KEY", bare));
        }
        assertEquals(1, ClientIdentity.load(PKI.clientEcCert(), key, null).chain().size());
        TlsRoundTrip.run(broker.localhostUri(Listener.MUTUAL_TLS),
                TlsRoundTrip.trustingTestCa().clientCertificate(PKI.clientEcCert(), key).build());
        IOException e = assertThrows(IOException.class, () -> ClientIdentity.load(PKI.clientRsaCert(), key, null));
        assertTrue(e.getMessage().contains("does not match the certificate"), e.getMessage());
    }

    @Test
    void aLegacyOpenSslEncryptedKeyLoadsWithItsPassword() throws Exception {
        // "Proc-Type: 4,ENCRYPTED" PKCS#1, as `openssl rsa -aes128` writes it.
        PrivateKeyInfo info = PemFiles.privateKey(PKI.clientRsaKeyPkcs8(), null);
        java.security.PrivateKey jca = java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(info.getEncoded()));
        Path key = Files.createTempFile(PKI.folder(), "legacy-encrypted-", ".key");
        try (var w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(Files.newBufferedWriter(key))) {
            w.writeObject(jca, new org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder("AES-128-CBC")
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    .build("legacy-pass".toCharArray()));
        }
        assertTrue(Files.readString(key).contains("Proc-Type: 4,ENCRYPTED"));
        assertEquals(1, ClientIdentity.load(PKI.clientRsaCert(), key, "legacy-pass".toCharArray()).chain().size());
        IOException e = assertThrows(IOException.class, () -> PemFiles.privateKey(key, "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("cannot decrypt"), e.getMessage());
        IOException none = assertThrows(IOException.class, () -> PemFiles.privateKey(key, null));
        assertTrue(none.getMessage().contains("is encrypted"), none.getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withMutualTls")
    void aCertificateFileMayCarryItsChain(Broker broker) throws Exception {
        Path chain = Files.createTempFile(PKI.folder(), "client-chain-", ".pem");
        Files.writeString(chain, Files.readString(PKI.clientRsaCert()) + Files.readString(PKI.caCert()));
        assertEquals(2, ClientIdentity.load(chain, PKI.clientRsaKeyPkcs8(), null).chain().size());
        TlsRoundTrip.run(broker.localhostUri(Listener.MUTUAL_TLS),
                TlsRoundTrip.trustingTestCa().clientCertificate(chain, PKI.clientRsaKeyPkcs8()).build());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedBeforeConnecting() {
        IOException e = assertThrows(IOException.class,
                () -> ClientIdentity.load(PKI.clientRsaCert(), PKI.clientEcKeySec1(), null));
        assertTrue(e.getMessage().contains("does not match the certificate"), e.getMessage());
        assertTrue(e.getMessage().contains(PKI.clientEcKeySec1().toString()), e.getMessage());
        IOException rsa = assertThrows(IOException.class,
                () -> ClientIdentity.load(PKI.clientRsaCert(), PKI.serverKey(), null));
        assertTrue(rsa.getMessage().contains("does not match the certificate"), rsa.getMessage());
    }

    @Test
    void anEncryptedKeyWithoutPasswordSaysHowToGiveIt() {
        IOException e = assertThrows(IOException.class,
                () -> PemFiles.privateKey(PKI.clientRsaKeyEncrypted(), null));
        assertTrue(e.getMessage().contains("is encrypted") && e.getMessage().contains("password"), e.getMessage());
    }

    @Test
    void aWrongPasswordIsReportedWithoutShowingIt() {
        IOException e = assertThrows(IOException.class,
                () -> PemFiles.privateKey(PKI.clientRsaKeyEncrypted(), "not-the-password".toCharArray()));
        assertTrue(e.getMessage().contains("cannot decrypt") && e.getMessage().contains(PKI.clientRsaKeyEncrypted().toString()),
                e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("not-the-password"), t.getMessage());
        }
    }

    @Test
    void missingFilesAreNamed() {
        Path missing = PKI.folder().resolve("no-such-client.key");
        IOException e = assertThrows(IOException.class, () -> ClientIdentity.load(PKI.clientRsaCert(), missing, null));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such file"), e.getMessage());
        IOException cert = assertThrows(IOException.class,
                () -> ClientIdentity.load(PKI.folder().resolve("no-such.crt"), PKI.clientRsaKeyPkcs8(), null));
        assertTrue(cert.getMessage().contains("client certificate file"), cert.getMessage());
    }

    @Test
    void filesWithoutTheExpectedBlocksSayWhatWasExpected() throws IOException {
        Path text = Files.writeString(Files.createTempFile(PKI.folder(), "not-pem-", ".txt"), "hello\n");
        IOException noCert = assertThrows(IOException.class, () -> PemFiles.certificates(text, "the CA file"));
        assertTrue(noCert.getMessage().contains("holds no certificate") && noCert.getMessage().contains(text.toString()),
                noCert.getMessage());
        IOException noKey = assertThrows(IOException.class, () -> PemFiles.privateKey(PKI.caCert(), null));
        assertTrue(noKey.getMessage().contains("holds no private key") && noKey.getMessage().contains("PRIVATE KEY"),
                noKey.getMessage());
        IOException directory = assertThrows(IOException.class, () -> PemFiles.certificates(PKI.folder(), "the CA file"));
        assertTrue(directory.getMessage().contains(PKI.folder().toString()), directory.getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withMutualTls")
    void aClientCertificateSignedByAnotherCaIsRefusedByTheServer(Broker broker) {
        URI uri = broker.localhostUri(Listener.MUTUAL_TLS); // outside assertThrows: a missing broker skips
        // The untrusted server certificate is a valid certificate the broker's CA did not sign.
        IOException e = assertThrows(IOException.class, () -> TlsRoundTrip.run(uri, TlsRoundTrip.trustingTestCa()
                        .clientCertificate(PKI.untrustedServerCert(), PKI.untrustedServerKey()).build()));
        assertTrue(e.getMessage().contains("our client certificate") && e.getMessage().contains("CA the broker trusts"),
                e.getMessage());
    }
}

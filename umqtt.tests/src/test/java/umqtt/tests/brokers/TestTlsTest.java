package umqtt.tests.brokers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import umqtt.api.TlsOptions;

/** The preset TLS options point at the files and the PSK of this run's PKI. */
class TestTlsTest {

    private final TestPki pki = TestPki.get();

    @Test
    void trustingTestCaTrustsOnlyTheCaAndVerifiesHostNames() {
        TlsOptions options = TestTls.trustingTestCa().build();
        assertEquals(Optional.of(pki.caCert()), options.trustPem());
        assertTrue(options.verifyHostname());
        assertTrue(options.clientCertificatePem().isEmpty());
    }

    @Test
    void clientPresetsCarryTheirCertificateAndKey() {
        TlsOptions rsa = TestTls.clientRsa().build();
        assertEquals(Optional.of(pki.clientRsaCert()), rsa.clientCertificatePem());
        assertEquals(Optional.of(pki.clientRsaKeyPkcs8()), rsa.clientKeyPem());
        TlsOptions ec = TestTls.clientEc().build();
        assertEquals(Optional.of(pki.clientEcCert()), ec.clientCertificatePem());
        assertEquals(Optional.of(pki.clientEcKeySec1()), ec.clientKeyPem());
        assertEquals(Optional.of(pki.caCert()), ec.trustPem());
    }

    @Test
    void pskPresetCarriesThisRunsIdentityAndKey() {
        TlsOptions psk = TestTls.psk().build();
        assertEquals(Optional.of(pki.pskIdentity()), psk.pskIdentity());
        assertArrayEquals(pki.pskKey(), psk.pskKey().orElseThrow());
    }
}

package umqtt.tests.brokers;

import umqtt.api.TlsOptions;

/**
 * {@link TlsOptions} builders preset from {@link TestPki}, for connecting our client to the
 * brokers' TLS listeners. Each returns a fresh builder, so a test can add ALPN or turn host name
 * verification off before {@code build()}.
 */
public final class TestTls {

    private TestTls() {
    }

    /** @return options that trust only the test CA (for TLS, WSS, TLS_WRONG_HOST, TLS_EXPIRED) */
    public static TlsOptions.Builder trustingTestCa() {
        return TlsOptions.builder().trustPem(TestPki.get().caCert());
    }

    /** @return {@link #trustingTestCa()} plus the RSA client certificate, key as PKCS#8 (for MUTUAL_TLS) */
    public static TlsOptions.Builder clientRsa() {
        TestPki pki = TestPki.get();
        return trustingTestCa().clientCertificate(pki.clientRsaCert(), pki.clientRsaKeyPkcs8());
    }

    /** @return {@link #trustingTestCa()} plus the EC P-256 client certificate, key as SEC1 (for MUTUAL_TLS) */
    public static TlsOptions.Builder clientEc() {
        TestPki pki = TestPki.get();
        return trustingTestCa().clientCertificate(pki.clientEcCert(), pki.clientEcKeySec1());
    }

    /** @return options with this run's PSK identity and key (for Mosquitto's PSK listener) */
    public static TlsOptions.Builder psk() {
        TestPki pki = TestPki.get();
        return TlsOptions.builder().psk(pki.pskIdentity(), pki.pskKey());
    }
}

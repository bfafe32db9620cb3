package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.HexFormat;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.TlsOptions;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.TestPki;

/** TLS-PSK against every broker with a PSK listener (Mosquitto's psk_file, aedes on node's TLS 1.2 PSK; HiveMQ CE has none). */
class PskTest {

    private static final TestPki PKI = TestPki.get();

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withPsk")
    void pskIsAccepted(Broker broker) throws IOException {
        TlsRoundTrip.run(broker.localhostUri(Listener.PSK), TlsOptions.builder().psk(PKI.pskIdentity(), PKI.pskKey()).build());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withPsk")
    void pskIsAcceptedByIpAddress(Broker broker) throws IOException {
        TlsRoundTrip.run(broker.uri(Listener.PSK), TlsOptions.builder().psk(PKI.pskIdentity(), PKI.pskKey()).build());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withPsk")
    void wrongKeyIsRefusedWithoutShowingAnyKey(Broker broker) {
        URI psk = broker.localhostUri(Listener.PSK); // outside assertThrows: a missing broker skips
        byte[] wrong = PKI.pskKey();
        wrong[0] ^= 1;
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> TlsRoundTrip.run(psk,
                TlsOptions.builder().psk(PKI.pskIdentity(), wrong).build()));
        assertTrue(e.getMessage().contains("refused our pre-shared key"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + PKI.pskIdentity() + "'"), e.getMessage());
        assertFalse(containsKey(e, wrong) || containsKey(e, PKI.pskKey()), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withPsk")
    void unknownIdentityIsRefused(Broker broker) {
        URI psk = broker.localhostUri(Listener.PSK);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> TlsRoundTrip.run(psk,
                TlsOptions.builder().psk("nobody-" + PKI.pskIdentity(), PKI.pskKey()).build()));
        assertFalse(containsKey(e, PKI.pskKey()), e.getMessage());
        assertTrue(e.getMessage().contains("refused our pre-shared key"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withPsk")
    void aPskListenerWithoutPskSaysToConfigureIt(Broker broker) {
        URI psk = broker.localhostUri(Listener.PSK);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> TlsRoundTrip.run(psk,
                TlsRoundTrip.trustingTestCa().build()));
        assertTrue(e.getMessage().contains("TlsOptions.builder().psk("), e.getMessage());
    }

    private static boolean containsKey(Throwable e, byte[] key) {
        String hex = HexFormat.of().formatHex(key);
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase();
            if (m.contains(hex) || m.contains(hex.substring(0, 16))) {
                return true;
            }
        }
        return false;
    }
}

package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.HexFormat;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import umqtt.api.TlsOptions;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.TestPki;

/** TLS-PSK against Mosquitto's psk_file listener (HiveMQ CE has no PSK). */
class PskTest {

    private static final TestPki PKI = TestPki.get();

    private static URI psk() {
        return Brokers.mosquitto().localhostUri(Listener.PSK);
    }

    @Test
    void pskIsAccepted() throws IOException {
        TlsRoundTrip.run(psk(), TlsOptions.builder().psk(PKI.pskIdentity(), PKI.pskKey()).build());
    }

    @Test
    void pskIsAcceptedByIpAddress() throws IOException {
        TlsRoundTrip.run(Brokers.mosquitto().uri(Listener.PSK), TlsOptions.builder().psk(PKI.pskIdentity(), PKI.pskKey()).build());
    }

    @Test
    void wrongKeyIsRefusedWithoutShowingAnyKey() {
        byte[] wrong = PKI.pskKey();
        wrong[0] ^= 1;
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> TlsRoundTrip.run(psk(),
                TlsOptions.builder().psk(PKI.pskIdentity(), wrong).build()));
        assertTrue(e.getMessage().contains("refused our pre-shared key"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + PKI.pskIdentity() + "'"), e.getMessage());
        assertFalse(containsKey(e, wrong) || containsKey(e, PKI.pskKey()), e.getMessage());
    }

    @Test
    void unknownIdentityIsRefused() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> TlsRoundTrip.run(psk(),
                TlsOptions.builder().psk("nobody-" + PKI.pskIdentity(), PKI.pskKey()).build()));
        assertTrue(e.getMessage().contains("refused our pre-shared key"), e.getMessage());
        assertFalse(containsKey(e, PKI.pskKey()), e.getMessage());
    }

    @Test
    void aPskListenerWithoutPskSaysToConfigureIt() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> TlsRoundTrip.run(psk(),
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

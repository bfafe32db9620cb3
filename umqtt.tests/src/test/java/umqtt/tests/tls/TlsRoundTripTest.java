package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.TlsOptions;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.TestPki;
import umqtt.transport.tls.TlsTransportProvider;

/** Round trips through mqtts:// against every broker with TLS listeners: server and mutual TLS. */
class TlsRoundTripTest {

    private static final TestPki PKI = TestPki.get();

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void trustedChainByHostName(Broker broker) throws IOException {
        TlsRoundTrip.run(broker.localhostUri(Listener.TLS), TlsRoundTrip.trustingTestCa().build());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void trustedChainByIpAddress(Broker broker) throws IOException {
        TlsRoundTrip.run(broker.uri(Listener.TLS), TlsRoundTrip.trustingTestCa().build());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void providerConstructedByHandWorks(Broker broker) throws IOException {
        TlsRoundTrip.run(TlsRoundTrip.client(broker.uri(Listener.TLS), TlsRoundTrip.trustingTestCa().build(),
                new TlsTransportProvider()));
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void checkMsgPollsThroughTlsWithoutLosingBytes(Broker broker) throws IOException {
        String topic = "umqtt/tls/poll/" + java.util.UUID.randomUUID();
        java.util.List<umqtt.api.Message> received = new java.util.ArrayList<>();
        try (SimpleClient subscriber = TlsRoundTrip.client(broker.uri(Listener.TLS), TlsRoundTrip.trustingTestCa().build());
             SimpleClient publisher = TlsRoundTrip.client(broker.uri(Listener.TCP), TlsOptions.builder().build())) {
            subscriber.setCallback(received::add);
            subscriber.connect(true);
            subscriber.subscribe(topic, 1);
            for (int i = 0; i < 20; i++) {
                assertFalse(subscriber.checkMsg(), "nothing to read yet: an idle poll times out and stays usable");
            }
            publisher.connect(true);
            byte[] payload = new byte[40_000];
            new java.util.Random(7).nextBytes(payload);
            publisher.publish(topic, payload, false, 1);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (received.isEmpty() && System.nanoTime() < deadline) {
                subscriber.checkMsg();
            }
            assertEquals(1, received.size());
            assertArrayEquals(payload, received.get(0).payload());
            subscriber.disconnect();
            publisher.disconnect();
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withMutualTls")
    void mutualTlsWithRsaPkcs8Key(Broker broker) throws IOException {
        mutual(broker, PKI.clientRsaCert(), PKI.clientRsaKeyPkcs8());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withMutualTls")
    void mutualTlsWithRsaPkcs1Key(Broker broker) throws IOException {
        mutual(broker, PKI.clientRsaCert(), PKI.clientRsaKeyPkcs1());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withMutualTls")
    void mutualTlsWithEcSec1Key(Broker broker) throws IOException {
        mutual(broker, PKI.clientEcCert(), PKI.clientEcKeySec1());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withMutualTls")
    void mutualTlsWithEncryptedPkcs8Key(Broker broker) throws IOException {
        TlsRoundTrip.run(broker.localhostUri(Listener.MUTUAL_TLS), TlsRoundTrip.trustingTestCa()
                .clientCertificate(PKI.clientRsaCert(), PKI.clientRsaKeyEncrypted(), PKI.clientKeyPassword()).build());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withMutualTls")
    void mutualTlsWithoutClientCertificateIsRefused(Broker broker) {
        URI uri = broker.localhostUri(Listener.MUTUAL_TLS); // outside assertThrows: a missing broker skips
        IOException e = assertThrows(IOException.class, () -> TlsRoundTrip.run(uri, TlsRoundTrip.trustingTestCa().build()));
        assertTrue(e.getMessage().contains("client certificate")
                && e.getMessage().contains("TlsOptions.builder().clientCertificate"), e.getMessage());
    }

    private static void mutual(Broker broker, Path cert, Path key) throws IOException {
        TlsOptions tls = TlsRoundTrip.trustingTestCa().clientCertificate(cert, key).build();
        TlsRoundTrip.run(broker.localhostUri(Listener.MUTUAL_TLS), tls);
    }
}

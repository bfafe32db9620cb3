package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.tests.brokers.JsseContexts;
import umqtt.transport.tls.TlsTransportProvider;

/**
 * What our ClientHello carries, seen by the JDK's TLS server: the ALPN list, SNI for names and
 * not for addresses, TLS 1.3 by default and 1.2 when the server has only that.
 */
class HelloExtensionsTest {

    private static final RecordingTlsServer.Script ECHO_ONE_BYTE = (SSLSocket s) -> {
        int b = s.getInputStream().read();
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
    };

    private static RecordingTlsServer.Hello handshake(String host, String[] serverProtocols, TlsOptions tls)
            throws Exception {
        try (RecordingTlsServer server = new RecordingTlsServer(JsseContexts.server(), serverProtocols, ECHO_ONE_BYTE);
             Transport t = new TlsTransportProvider().open(URI.create("mqtts://" + host + ":" + server.port()),
                     new TransportOptions(Duration.ofSeconds(10), tls, Map.of()))) {
            t.output().write(42);
            t.output().flush();
            assertEquals(42, t.input().read());
            server.done().get(10, TimeUnit.SECONDS);
            return server.hello().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void alpnProtocolsAreOfferedInOrder() throws Exception {
        RecordingTlsServer.Hello hello = handshake("localhost", null,
                TlsRoundTrip.trustingTestCa().alpn("x-amzn-mqtt-ca", "mqtt").build());
        assertEquals(List.of("x-amzn-mqtt-ca", "mqtt"), hello.alpnOffered());
        assertEquals("x-amzn-mqtt-ca", hello.applicationProtocol());
    }

    @Test
    void noAlpnUnlessConfigured() throws Exception {
        RecordingTlsServer.Hello hello = handshake("localhost", null, TlsRoundTrip.trustingTestCa().build());
        assertNull(hello.alpnOffered(), "ALPN offered: " + hello.alpnOffered());
    }

    @Test
    void sniNamesTheHost() throws Exception {
        RecordingTlsServer.Hello hello = handshake("localhost", null, TlsRoundTrip.trustingTestCa().build());
        assertEquals(List.of("localhost"), hello.sniNames());
    }

    @Test
    void noSniForAnIpAddress() throws Exception {
        RecordingTlsServer.Hello hello = handshake("127.0.0.1", null, TlsRoundTrip.trustingTestCa().build());
        assertEquals(List.of(), hello.sniNames());
    }

    @Test
    void tls13ByDefault() throws Exception {
        assertEquals("TLSv1.3", handshake("localhost", null, TlsRoundTrip.trustingTestCa().build()).protocol());
    }

    @Test
    void tls12WhenTheServerHasOnlyThat() throws Exception {
        assertEquals("TLSv1.2", handshake("localhost", new String[] {"TLSv1.2"},
                TlsRoundTrip.trustingTestCa().build()).protocol());
    }
}

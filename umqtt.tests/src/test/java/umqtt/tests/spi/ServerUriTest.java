package umqtt.tests.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import umqtt.api.TlsOptions;
import umqtt.api.spi.TcpTransportProvider;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.Transports;
import umqtt.simple.SimpleClient;

/**
 * Server URIs: what may be shown of them ({@link Transports#redact}: never user info, query or
 * fragment, which may hold a password or a signed token), and their host and port, also for host
 * names with {@code _} that {@link URI} reports no host for.
 */
class ServerUriTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "wss://user:s3cr3t@broker.example:8884/mqtt?X-Amz-Signature=s3cr3t#s3cr3t | wss://broker.example:8884/mqtt",
        "ws://broker.example/mqtt?token=s3cr3t                                     | ws://broker.example/mqtt",
        "mqtt://alice:s3cr3t@broker_1:1883                                         | mqtt://broker_1:1883",
        "mqtt://alice:s3cr3t@broker_1                                              | mqtt://broker_1",
        "mqtts://[::1]:8883                                                        | mqtts://[::1]:8883",
        "mqtt://127.0.0.1:1883                                                     | mqtt://127.0.0.1:1883",
        "mqtt://al@ice:s3cr3t@host:1883                                            | mqtt://host:1883",
        "mqtt://alice:s3cr3t@ho~st:1883                                            | mqtt://ho~st:1883",
        "alice:s3cr3t@broker:1883                                                  | broker:1883",
        "localhost:1883                                                            | localhost:1883",
        "broker:1883?token=s3cr3t                                                  | broker:1883",
        "//alice:s3cr3t@broker:1883/x?token=s3cr3t                                 | //broker:1883/x",
        "broker                                                                    | broker",
    })
    void redactShowsSchemeHostPortAndPathOnly(String uri, String shown) {
        assertEquals(shown, Transports.redact(URI.create(uri)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "alice:s3cr3t@broker:1883",
        "//alice:s3cr3t@broker:1883",
        "mqtt://alice:s3cr3t@",
        "mqtt://alice:s3cr3t@:1883?token=s3cr3t",
        "mqtt://alice:s3cr3t@host:99999?token=s3cr3t",
        "mqtt://alice:s3cr3t@host:0",
        "mqtt://alice:s3cr3t@bad_host:port?token=s3cr3t",
        "mqtt:/path?token=s3cr3t",
    })
    void refusedServerUrisAreNamedWithoutTheirSecrets(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transports.checkServerUri(URI.create(uri)));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        IllegalArgumentException viaClient = assertThrows(IllegalArgumentException.class,
                () -> SimpleClient.builder().server(uri));
        assertFalse(viaClient.getMessage().contains("s3cr3t"), viaClient.getMessage());
    }

    @Test
    void aUriWithoutSchemeGetsAHintWithoutItsUserInfo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transports.checkServerUri(URI.create("//alice:s3cr3t@broker:1883")));
        assertTrue(e.getMessage().startsWith("server '//broker:1883' has no scheme: write it as scheme://host[:port], "
                + "e.g. mqtt://broker:1883 (installed schemes: "), e.getMessage());
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transports.checkServerUri(URI.create("mqtt://host:65536")));
        assertEquals("server 'mqtt://host:65536' has port 65536, which is not a TCP port: use 1 to 65535, or none "
                + "for the scheme's default", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mqtt://broker_1:1884           | broker_1        | 1884",
        "mqtt://broker_1                | broker_1        | 1883",
        "mqtt://u:p@my_broker.local.:99 | my_broker.local. | 99",
        "mqtt://_srv.example:1          | _srv.example    | 1",
        "mqtt://Broker.Example:1885     | Broker.Example  | 1885",
        "mqtt://[::1]:1886              | [::1]           | 1886",
        "mqtt://broker_1:               | broker_1        | 1883",
    })
    void hostAndPortAlsoOfNamesWithUnderscores(String uri, String host, int port) {
        URI u = Transports.checkServerUri(URI.create(uri));
        assertEquals(host, Transports.host(u));
        assertEquals(port, Transports.port(u, new TcpTransportProvider()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mqtt://bad..name:1883",
        "mqtt://.bad:1883",
        "mqtt://bad_name:12ab",
        "mqtt://bad_name:123456",
        "mqtt://bad%41_name:1883",
        "mqtt://bad_n\u00e4me:1883",
        "mqtt://a_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:1883",
    })
    void malformedAuthoritiesStillHaveNoHost(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transports.checkServerUri(URI.create(uri)));
        assertTrue(e.getMessage().contains("has no host"), e.getMessage());
    }

    @Test
    void aHostNameWithAnUnderscoreIsLookedUpNotRefused() {
        // No resolver here knows the name; what matters is that the client went to look it up.
        UnknownHostException e = assertThrows(UnknownHostException.class, () -> Transports.open(
                URI.create("mqtt://no_such_broker.invalid:1883"),
                new TransportOptions(Duration.ofSeconds(5), TlsOptions.builder().build(), Map.of())));
        assertEquals("cannot resolve host 'no_such_broker.invalid': check the server URI", e.getMessage());
    }
}

package umqtt.tests.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import umqtt.api.spi.TcpTransportProvider;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.Transports;

/** Scheme discovery on the class path (META-INF/services) and its errors. */
class TransportsTest {

    @Test
    void tcpSchemesAreInstalledByTheCore() {
        assertInstanceOf(TcpTransportProvider.class, Transports.provider("mqtt"));
        assertInstanceOf(TcpTransportProvider.class, Transports.provider("TCP"));
        assertEquals(1883, Transports.provider("mqtt").defaultPort("mqtt"));
        assertTrue(Transports.schemes().containsAll(java.util.Set.of("mqtt", "tcp")));
    }

    @Test
    void unknownSchemeNamesTheSchemeAndTheInstalledOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transports.open(URI.create("gopher://127.0.0.1:70"), TransportOptions.defaults()));
        assertTrue(e.getMessage().contains("'gopher'"), e.getMessage());
        assertTrue(e.getMessage().contains("installed schemes: ") && e.getMessage().contains("mqtt"), e.getMessage());
    }

    @Test
    void uriWithoutSchemeSaysHowToWriteIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transports.checkServerUri(URI.create("localhost:1883")));
        assertTrue(e.getMessage().contains("mqtt://localhost:1883"), e.getMessage());
    }
}

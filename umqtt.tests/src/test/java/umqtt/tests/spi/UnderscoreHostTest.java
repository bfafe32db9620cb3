package umqtt.tests.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import umqtt.tests.brokers.TestFolders;
import umqtt.tests.brokers.TestPki;
import umqtt.tests.tls.StalledPeer;
import umqtt.tests.tls.StalledPeer.Scheme;

/**
 * A server named with {@code _} (Docker Compose names containers {@code project_broker_1}) is
 * reached over TCP, WebSocket, TLS and WebSocket over TLS (without SNI, which is for DNS host names
 * only). {@link java.net.URI} reports no host for such a name; the SPI
 * reads it from the authority. A child JVM resolves the name through a hosts file of the test's
 * own, since no resolver of this machine knows it.
 */
class UnderscoreHostTest {

    @Test
    void aHostNameWithAnUnderscoreIsReachedOverEveryTransport() throws Exception {
        Path hosts = TestFolders.create("hosts-").resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 broker_1 my_broker.local\n", StandardCharsets.US_ASCII);
        try (StalledPeer tcp = new StalledPeer(Scheme.TCP, false);
             StalledPeer ws = new StalledPeer(Scheme.WS, false);
             StalledPeer tls = new StalledPeer(Scheme.TLS, false);
             StalledPeer wss = new StalledPeer(Scheme.WSS, false)) {
            String tcpUri = "tcp://broker_1:" + tcp.uri().getPort();
            String wsUri = "ws://user:pass@my_broker.local:" + ws.uri().getPort() + "/mqtt?token=t";
            // The TLS peers are JDK servers, which refuse a hello naming broker_1 in SNI.
            String tlsUri = "mqtts://broker_1:" + tls.uri().getPort();
            String wssUri = "wss://my_broker.local:" + wss.uri().getPort() + "/mqtt";
            List<String> out = ModulePathDiscoveryTest.run(List.of(ModulePathDiscoveryTest.javaBinary(),
                    "-Djdk.net.hosts.file=" + hosts, "-cp", System.getProperty("java.class.path"),
                    UnderscoreHostChild.class.getName(), tcpUri, wsUri,
                    "--ca", TestPki.get().caCert().toString(), tlsUri, wssUri));
            for (StalledPeer peer : List.of(tcp, ws, tls, wss)) {
                peer.awaitStalled();
            }
            assertEquals(List.of("opened " + tcpUri, "opened ws://my_broker.local:" + ws.uri().getPort() + "/mqtt",
                    "opened " + tlsUri, "opened " + wssUri), out.stream().filter(l -> l.startsWith("opened ")).toList());
        }
    }
}

package umqtt.tests.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.Message;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transports;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.TestPki;

/** MQTT over ws:// and wss:// against Mosquitto's and HiveMQ CE's WebSocket listeners. */
class WebSocketBrokerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withWebSocket")
    void smallMessagesRoundTripAtQos0To2OverWs(Broker broker) throws IOException {
        URI ws = broker.uri(Listener.WS);
        for (int qos = 0; qos <= 2; qos++) {
            roundTrip(ws, ws, defaultTls(), payload(1 + qos * 100), qos);
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withWebSocket")
    void a300KbMessageRoundTripsOverWs(Broker broker) throws IOException {
        URI ws = broker.uri(Listener.WS);
        roundTrip(ws, ws, defaultTls(), payload(300 * 1024), 1);
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withWebSocket")
    void aMebibyteMessageRoundTripsOverWs(Broker broker) throws IOException {
        URI ws = broker.uri(Listener.WS);
        // Mosquitto 2.0 hands a WebSocket subscriber about 4 KiB per 100 ms main-loop turn
        // (eclipse-mosquitto/mosquitto#1390), so 1 MiB would take ~25 s to come back over ws: there
        // the big message goes out over ws and comes back over TCP; the 300 KB test covers ws both ways.
        URI back = broker.name().startsWith("mosquitto") ? broker.uri(Listener.TCP) : ws;
        roundTrip(ws, back, defaultTls(), payload(1024 * 1024 + 1), 2);
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withWebSocket")
    void localhostByNameWorksOverWs(Broker broker) throws IOException {
        URI ws = broker.localhostUri(Listener.WS);
        roundTrip(ws, ws, defaultTls(), payload(10), 1);
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withWebSocket")
    void messagesRoundTripAtQos0To2OverWss(Broker broker) throws IOException {
        assumeTlsTransport();
        URI wss = broker.localhostUri(Listener.WSS);
        TlsOptions tls = TlsOptions.builder().trustPem(TestPki.get().caCert()).build();
        for (int qos = 0; qos <= 2; qos++) {
            roundTrip(wss, wss, tls, payload(1 + qos * 100), qos);
        }
        roundTrip(wss, wss, tls, payload(300 * 1024), 1);
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withWebSocket")
    void aMebibyteMessageGoesOutOverWss(Broker broker) throws IOException {
        assumeTlsTransport();
        TlsOptions tls = TlsOptions.builder().trustPem(TestPki.get().caCert()).build();
        URI wss = broker.uri(Listener.WSS);
        URI back = broker.name().startsWith("mosquitto") ? broker.uri(Listener.TCP) : wss;
        roundTrip(wss, back, tls, payload(1024 * 1024 + 1), 1);
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withWebSocket")
    void wssHonoursTheTrustedCasOfTheTlsOptions(Broker broker) {
        assumeTlsTransport();
        TlsOptions wrongCa = TlsOptions.builder().trustPem(TestPki.get().untrustedCaCert()).build();
        SimpleClient client = SimpleClient.builder().clientId(clientId()).server(broker.uri(Listener.WSS).toString())
                .tls(wrongCa).connectTimeout(Duration.ofSeconds(10)).build();
        try (client) {
            assertThrows(IOException.class, client::connect, "a server certificate from an untrusted CA must fail");
        }
    }

    private static void roundTrip(URI publishTo, URI subscribeAt, TlsOptions tls, byte[] payload, int qos)
            throws IOException {
        String topic = "ws/" + UUID.randomUUID();
        List<Message> received = new ArrayList<>();
        try (SimpleClient subscriber = client(subscribeAt, tls);
                SimpleClient publisher = publishTo.equals(subscribeAt) ? subscriber : client(publishTo, tls)) {
            subscriber.setCallback(received::add);
            subscriber.connect();
            assertEquals(2, subscriber.subscribe(topic, 2), "granted QoS");
            if (publisher != subscriber) {
                publisher.connect();
            }
            publisher.publish(topic.getBytes(), payload, false, qos);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                subscriber.checkMsg();
            }
            assertFalse(received.isEmpty(), "no message within " + DEADLINE + " from " + publishTo + " to " + subscribeAt);
            Message m = received.get(0);
            assertNotNull(m);
            assertArrayEquals(topic.getBytes(), m.topic());
            assertEquals(payload.length, m.payload().length, "payload length");
            assertArrayEquals(payload, m.payload());
            assertEquals(qos, m.qos());
            if (publisher != subscriber) {
                publisher.disconnect();
            }
            subscriber.disconnect();
        }
    }

    private static SimpleClient client(URI server, TlsOptions tls) {
        return SimpleClient.builder().clientId(clientId()).server(server.toString()).tls(tls)
                .connectTimeout(Duration.ofSeconds(10)).responseTimeout(DEADLINE).build();
    }

    private static String clientId() {
        return "ws-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static TlsOptions defaultTls() {
        return TlsOptions.builder().build();
    }

    private static byte[] payload(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    /** wss:// needs a provider for mqtts:// (umqtt.transport.tls), which lands on its own. */
    private static void assumeTlsTransport() {
        Assumptions.assumeTrue(Transports.schemes().contains("mqtts"),
                "no mqtts:// transport on the class path yet (umqtt.transport.tls): wss:// cannot run");
    }
}

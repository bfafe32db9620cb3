package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.TestPki;

/**
 * {@code umqtt pub} to {@code umqtt sub} through every broker over every scheme and kind of
 * credentials it offers: the subscriber prints exactly the bytes the publisher sent.
 */
class CliRoundTripTest {

    private static final TestPki PKI = TestPki.get();

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void overTcpWithHostAndPort(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        roundTrip(uri, List.of("-h", uri.getHost(), "-p", Integer.toString(uri.getPort())));
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void overTcpWithUrl(Broker broker) throws Exception {
        roundTrip(broker.uri(Listener.TCP), url(broker, Listener.TCP));
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void overTlsWithCaFile(Broker broker) throws Exception {
        roundTrip(broker.uri(Listener.TCP),
                concat(url(broker, Listener.TLS), "--cafile", PKI.caCert().toString()));
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void tlsOptionsWithHostAndPortSwitchToMqtts(Broker broker) throws Exception {
        URI tls = broker.localhostUri(Listener.TLS);
        roundTrip(broker.uri(Listener.TCP), List.of("-h", "localhost", "-p",
                Integer.toString(tls.getPort()), "--cafile", PKI.caCert().toString()));
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withMutualTls")
    void overMutualTls(Broker broker) throws Exception {
        roundTrip(broker.uri(Listener.TCP), concat(url(broker, Listener.MUTUAL_TLS),
                "--cafile", PKI.caCert().toString(),
                "--cert", PKI.clientRsaCert().toString(), "--key", PKI.clientRsaKeyPkcs8().toString()));
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withPsk")
    void overTlsPsk(Broker broker) throws Exception {
        roundTrip(broker.uri(Listener.TCP), concat(url(broker, Listener.PSK),
                "--psk", java.util.HexFormat.of().formatHex(PKI.pskKey()), "--psk-identity", PKI.pskIdentity()));
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withAuth")
    void withUserAndPassword(Broker broker) throws Exception {
        roundTrip(broker.uri(Listener.TCP),
                concat(url(broker, Listener.AUTH), "-u", Broker.USER, "-P", Broker.PASSWORD));
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withAuth")
    void withUserAndPasswordInTheUrl(Broker broker) throws Exception {
        URI auth = broker.uri(Listener.AUTH);
        roundTrip(broker.uri(Listener.TCP),
                List.of("-L", "mqtt://" + Broker.USER + ":" + Broker.PASSWORD + "@" + auth.getHost() + ":" + auth.getPort()));
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withWebSocket")
    void overWebSocket(Broker broker) throws Exception {
        roundTrip(broker.uri(Listener.TCP), url(broker, Listener.WS));
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withWebSocket")
    void overSecureWebSocket(Broker broker) throws Exception {
        roundTrip(broker.uri(Listener.TCP),
                concat(url(broker, Listener.WSS), "--cafile", PKI.caCert().toString()));
    }

    /**
     * Publishes with QoS 1 through the listener under test while a subscriber on the same listener
     * waits for one message; {@code helper} (plain TCP on the same broker) keeps publishing the
     * same payload until the subscriber has it, so the test needs no sleep to know it subscribed.
     */
    private static void roundTrip(URI helper, List<String> connect) throws Exception {
        String topic = "cli/round/" + System.nanoTime();
        byte[] payload = "h\u00e9llo \u2603 over the wire".getBytes(StandardCharsets.UTF_8);
        List<String> subArgs = new ArrayList<>(List.of("sub"));
        subArgs.addAll(connect);
        subArgs.addAll(List.of("-t", topic, "-C", "1", "-W", "20", "-q", "1"));
        CompletableFuture<Cli.Result> received = Cli.start(subArgs.toArray(String[]::new));
        Cli.Result got = Cli.publishUntilDone(received, helper, topic, payload);
        assertEquals(0, got.status(), got.toString());
        assertArrayEquals((new String(payload, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8),
                got.out(), got.toString());

        // and the other way: umqtt pub through the listener under test, umqtt sub on plain TCP
        String retainedTopic = topic + "/retained";
        List<String> pubArgs = new ArrayList<>(List.of("pub"));
        pubArgs.addAll(connect);
        pubArgs.addAll(List.of("-t", retainedTopic, "-m", "kept", "-r", "-q", "1"));
        Cli.Result pub = Cli.run(pubArgs.toArray(String[]::new));
        assertEquals(0, pub.status(), pub.toString());
        Cli.awaitRetained(helper, retainedTopic, "kept");
        Cli.Result sub2 = Cli.run("sub", "-L", helper.toString(), "-t", retainedTopic, "-C", "1", "-W", "20", "-v");
        assertEquals(0, sub2.status(), sub2.toString());
        assertEquals(retainedTopic + " kept\n", sub2.outText());
        assertEquals(0, Cli.run("pub", "-L", helper.toString(), "-t", retainedTopic, "-n", "-r").status());
    }

    private static List<String> url(Broker broker, Listener listener) {
        return List.of("-L", broker.localhostUri(listener).toString());
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}

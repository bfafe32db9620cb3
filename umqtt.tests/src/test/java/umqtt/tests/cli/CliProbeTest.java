package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.BrokerDeviation;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.TestPki;

/**
 * {@code umqtt probe} against real brokers, whose rows must show what each is known for, and
 * against a fake broker that answers QoS 2 with PUBACK and never answers SUBSCRIBE: the probe
 * names the deviation and the unanswered checks, and ends with status 2 instead of hanging.
 */
class CliProbeTest {

    private static final Pattern ROW = Pattern.compile(
            "\\{\"check\":\"((?:[^\"\\\\]|\\\\.)*)\",\"verdict\":\"([^\"]*)\",\"tried\":\"(?:[^\"\\\\]|\\\\.)*\","
                    + "\"got\":\"((?:[^\"\\\\]|\\\\.)*)\"}");

    /** A row as the test reads it back from {@code --json}. */
    private record Row(String verdict, String got) {
    }

    @Test
    void mosquittoDoesEverythingMqttAsks() {
        Map<String, Row> rows = probe(Brokers.mosquitto(), 0, "--slow");
        for (Map.Entry<String, Row> row : rows.entrySet()) {
            if (!row.getKey().equals("keepalive")) {
                assertEquals("ok", row.getValue().verdict(), row.getKey() + ": " + row.getValue());
            }
        }
        assertTrue(rows.get("$SYS").got().contains("$SYS/broker/version"), rows.get("$SYS").toString());
        assertEquals("SUBACK 2", rows.get("granted QoS 2").got());
        assertTrue(rows.get("max payload").got().startsWith("65536 (64 KiB) accepted"), rows.toString());
        // Mosquitto 2.0.11 drops a silent client of keepalive 2 s after 4.6 to 5.4 s, not 3 s: answered all the same.
        assertTrue(rows.get("keepalive").got().startsWith("disconnected after"), rows.toString());
    }

    @Test
    void aedesAnswersEveryCheck() {
        Map<String, Row> rows = probe(Brokers.aedes(), 0);
        assertEquals("SUBACK 2", rows.get("granted QoS 2").got());
        assertEquals(BrokerDeviation.QOS_NOT_DOWNGRADED_TO_THE_GRANTED_QOS.in(Brokers.aedes()) ? "deviation" : "ok",
                rows.get("QoS downgrade").verdict(), rows.toString());
        // and it accepts an empty client id with a kept session, which MQTT-3.1.3-8 forbids
        assertEquals(new Row("deviation", "CONNACK 0 where MQTT-3.1.3-8 asks for 2"), rows.get("empty id, kept"));
    }

    @Test
    void hivemqCeAnswersEveryCheck() {
        Map<String, Row> rows = probe(Brokers.hivemq(), 0, "--slow");
        assertEquals("SUBACK 2", rows.get("granted QoS 2").got());
        assertEquals("ok", rows.get("retain").verdict());
        assertEquals("ok", rows.get("retain cleared").verdict());
        assertEquals("ok", rows.get("QoS 2 from broker").verdict());
        assertEquals("ok", rows.get("empty id, clean").verdict());
        assertEquals("ok", rows.get("queued QoS 2").verdict());
        assertEquals("not supported", rows.get("$SYS").verdict(), "HiveMQ CE publishes no $SYS topics");
        assertEquals("ok", rows.get("QoS downgrade").verdict());
        assertEquals("ok", rows.get("keepalive").verdict());
        // The test harness keeps HiveMQ's defaults: 65535-byte topics and client ids, 256 MB packets.
        assertTrue(rows.get("max topic length").got().startsWith("65535 accepted"), rows.toString());
        assertTrue(rows.get("max client id").got().startsWith("65535 accepted"), rows.toString());
    }

    @Test
    void aFakeBrokerGetsItsDeviationNamedAndItsSilenceReported() throws Exception {
        try (ProbeFakeBroker fake = new ProbeFakeBroker()) {
            Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> Cli.run("probe", "-L", fake.uri().toString(), "--json", "--timeout", "0.5"));
            assertEquals(2, r.status(), r.toString());
            Map<String, Row> rows = rows(r.outText());
            assertEquals("ok", rows.get("connect").verdict(), r.toString());
            assertEquals(new Row("deviation", "answers QoS 2 with PUBACK: QoS 2 not done per MQTT-4.3.3"),
                    rows.get("QoS 2 to broker"));
            assertEquals("no answer", rows.get("granted QoS").verdict(), r.toString());
            assertTrue(rows.get("granted QoS").got().startsWith("no answer: no SUBACK"), r.toString());
            assertTrue(r.err().contains("did not answer every check"), r.err());
        }
    }

    @Test
    void overWebSocketWithTlsTheRawChecksTakeTheSameTransport() {
        Cli.Result r = Cli.run("probe", "-L", Brokers.mosquitto().localhostUri(Listener.WSS).toString(),
                "--cafile", TestPki.get().caCert().toString(), "--json", "--max-payload", "1024");
        assertEquals(0, r.status(), r.toString());
        Map<String, Row> rows = rows(r.outText());
        assertEquals(new Row("ok", "CONNACK 2: refused"), rows.get("empty id, kept"), r.toString());
        assertEquals("ok", rows.get("QoS 2 from broker").verdict(), r.toString());
    }

    @Test
    void credentialsGoIntoTheRawConnectsAndARefusalStopsAtTheFirstRow() {
        URI auth = Brokers.mosquitto().uri(Listener.AUTH);
        Cli.Result r = Cli.run("probe", "-L", auth.toString(), "-u", Broker.USER, "-P", Broker.PASSWORD, "--json",
                "--max-payload", "1024");
        assertEquals(0, r.status(), r.toString());
        Map<String, Row> rows = rows(r.outText());
        assertEquals("ok", rows.get("+ in topic name").verdict(), r.toString()); // a raw CONNECT got in
        assertEquals("ok", rows.get("QoS 2 from broker").verdict(), r.toString());

        String wrong = "not-the-Secret-42";
        Cli.Result refused = Cli.run("probe", "-L", auth.toString(), "-u", Broker.USER, "-P", wrong);
        assertEquals(2, refused.status(), refused.toString());
        assertTrue(refused.outText().contains("failed") && refused.outText().contains("CONNACK 5"), refused.toString());
        assertFalse(refused.outText().contains(wrong) || refused.err().contains(wrong), refused.toString());
    }

    @Test
    void anAddressWithNoBrokerEndsAtTheFirstRow() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli.Result r = Cli.run("probe", "-h", "127.0.0.1", "-p", Integer.toString(port), "--timeout", "2");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.outText().contains("connect") && r.outText().contains("failed"), r.toString());
        assertTrue(r.err().contains("no connection to mqtt://127.0.0.1:" + port), r.toString());
    }

    @Test
    void helpAndBadOptions() {
        Cli.Result help = Cli.run("probe", "--help");
        assertEquals(0, help.status());
        assertTrue(help.outText().contains("--max-payload"), help.outText());
        assertEquals(1, Cli.run("probe", "--timeout", "soon").status());
        assertEquals(1, Cli.run("probe", "--bogus").status());
    }

    private static Map<String, Row> probe(Broker broker, int expectedStatus, String... more) {
        List<String> args = new ArrayList<>(List.of("probe", "-L", broker.uri(Listener.TCP).toString(), "--json",
                "--max-payload", "65536"));
        args.addAll(List.of(more));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        System.out.println(broker.name() + ": " + r.outText());
        assertEquals(expectedStatus, r.status(), r.toString());
        return rows(r.outText());
    }

    private static Map<String, Row> rows(String json) {
        Map<String, Row> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(json);
        while (m.find()) {
            rows.put(m.group(1), new Row(m.group(2), m.group(3).replace("\\\"", "\"").replace("\\\\", "\\")));
        }
        assertTrue(rows.size() > 10, json);
        return rows;
    }
}

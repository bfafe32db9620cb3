package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.FreePorts;
import umqtt.tests.brokers.TestPki;

/** Exit status 1 for bad usage, 2 for connection and protocol errors, and what stderr says. */
class CliErrorsTest {

    @Test
    void helpForEachCommandGoesToStdoutWithStatusZero() {
        Cli.Result pub = Cli.run("pub", "--help");
        assertEquals(0, pub.status());
        assertTrue(pub.outText().startsWith("Usage: umqtt pub"), pub.toString());
        for (String option : new String[] {"-m ", "-f ", "-s ", "-l ", "-n ", "-r ", "--repeat ", "--repeat-delay ",
                "--max-inflight ", "-L ", "-h ", "-p ", "-i ", "-u ", "-P ", "-k ", "-c ", "-q ", "--will-topic", "--will-payload",
                "--will-qos", "--will-retain", "--cafile", "--capath", "--cert", "--key", "--insecure", "--psk ",
                "--psk-identity", "--alpn", "-I ", "-V ", "-d ", "--quiet", "--header"}) {
            assertTrue(pub.outText().contains(" " + option), "pub --help lists " + option);
        }
        Cli.Result sub = Cli.run("sub", "--help");
        assertEquals(0, sub.status());
        for (String option : new String[] {"-C ", "-W ", "-v ", "-N ", "-R ", "--retained-only", "--robust", "-T ", "-U ",
                "-E ", "-F ", "--remove-retained", "--capath", "%j", "@N", "27"}) {
            assertTrue(sub.outText().contains(" " + option), "sub --help lists " + option);
        }
        assertEquals(1, Cli.run().status(), "no command");
    }

    @Test
    void aUsageErrorPointsToItsCommandsHelpAndAnUnknownCommandNamesThemAll() {
        for (String command : new String[] {"pub", "sub", "bench", "probe"}) {
            Cli.Result r = command.equals("bench") ? Cli.run(command, "conn", "--no-such-option")
                    : Cli.run(command, "--no-such-option");
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().endsWith("Use 'umqtt " + command + " --help' to see the options.\n"), r.err());
        }
        Cli.Result unknown = Cli.run("bnech");
        assertEquals(1, unknown.status(), unknown.toString());
        assertEquals("Error: unknown command 'bnech': use pub, sub, bench or probe\nUse 'umqtt --help'.\n", unknown.err());
        Cli.Result help = Cli.run("--help");
        for (String command : new String[] {"pub", "sub", "bench", "probe"}) {
            assertTrue(help.outText().contains("umqtt " + command + " --help"), help.outText());
        }
    }

    @Test
    void mqtt5OptionsAreRefusedByNameWithoutVersion5() {
        for (String command : new String[] {"pub", "sub"}) {
            Cli.Result d = Cli.run(command, "-t", "a", "-D", "publish", "user-property", "a", "b");
            assertEquals(1, d.status(), d.toString());
            assertTrue(d.err().startsWith("Error: -D sets MQTT 5 properties: give -V mqttv5 too"), d.err());
            Cli.Result x = Cli.run(command, "-t", "a", "-x", "60");
            assertEquals(1, x.status(), x.toString());
            assertTrue(x.err().contains("-x sets the MQTT 5 session expiry interval"), x.err());
        }
    }

    @Test
    void badFormatsFiltersAndCaFolders() {
        String[][] lines = {
            {"-F", "%z", "-F: invalid format specifier 'z'"},
            {"-F", "x%", "-F: incomplete format specifier"},
            {"-F", "%-08", "-F: incomplete format specifier"},
            {"-F", "x\\", "-F: incomplete escape"},
            {"-F", "\\q", "-F: invalid escape \\q"},
            {"-F", "@", "-F: incomplete format specifier"},
            {"-F", "@c", "-F: unsupported time field @c"},
            {"-T", "a/#/b", "invalid topic filter 'a/#/b' for -T: # must be a whole level and the last one"},
            {"-T", "a+", "invalid topic filter 'a+' for -T: + must be a whole level"},
            {"--capath", "/nonexistent-ca-folder", "--capath /nonexistent-ca-folder: no such readable folder"},
            {"--capath", "pom.xml", "(it is a file: give a CA file with --cafile)"},
        };
        for (String[] line : lines) {
            Cli.Result r = Cli.run("sub", "-t", "a", line[0], line[1]);
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().contains(line[2]), line[0] + " " + line[1] + ": " + r.err());
        }
        Cli.Result none = Cli.run("sub", "-C", "1");
        assertTrue(none.err().contains("or one to unsubscribe from with -U FILTER"), none.err());
    }

    @Test
    void missingTopic() {
        Cli.Result r = Cli.run("pub", "-m", "x");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("Error: no topic: give one with -t TOPIC"), r.err());
        assertEquals(1, Cli.run("sub", "-C", "1").status());
    }

    @Test
    void missingMessage() {
        Cli.Result r = Cli.run("pub", "-t", "a");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("no message: give one with -m, -f FILE, -s, -l or -n"), r.err());
    }

    @Test
    void badPort() {
        for (String port : new String[] {"70000", "0", "x"}) {
            Cli.Result r = Cli.run("pub", "-p", port, "-t", "a", "-m", "x");
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().contains("invalid port '" + port + "': use a number from 1 to 65535"), r.err());
        }
        Cli.Result url = Cli.run("pub", "-L", "mqtt://localhost:70000/a", "-m", "x");
        assertEquals(1, url.status(), url.toString());
        assertTrue(url.err().contains("invalid port 70000"), url.err());
    }

    @Test
    void unknownSchemeNamesTheInstalledOnes() {
        Cli.Result r = Cli.run("pub", "-L", "foo://localhost/a", "-m", "x");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("no transport installed for scheme 'foo'"), r.err());
        assertTrue(r.err().contains("installed schemes: "), r.err());
    }

    @Test
    void unknownOptionAndBadValues() {
        assertEquals(1, Cli.run("pub", "-t", "a", "-m", "x", "--frobnicate").status());
        assertEquals(1, Cli.run("pub", "-t", "a", "-m", "x", "-q", "3").status());
        for (String window : new String[] {"0", "32768", "-1", "x", ""}) {
            Cli.Result r = Cli.run("pub", "-t", "a", "-m", "x", "--max-inflight", window);
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().contains("option --max-inflight takes a whole number from 1 to 32767 but was '" + window
                    + "'"), r.err());
        }
        assertEquals(1, Cli.run("pub", "-t", "a", "-m", "x", "-n").status(), "two message sources");
        assertEquals(1, Cli.run("sub", "-t", "a", "-c").status(), "-c without -i");
        assertEquals(1, Cli.run("pub", "-t", "a", "-m", "x", "-P", "pw").status(), "-P without -u");
        Cli.Result wildcard = Cli.run("pub", "-L", Brokers.hivemq().uri(Listener.TCP).toString(), "-t", "a/#",
                "-m", "x");
        assertEquals(1, wildcard.status(), wildcard.toString());
    }

    @Test
    void mqtt311Or5() {
        Cli.Result r = Cli.run("pub", "-t", "a", "-m", "x", "-V", "mqttv31");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("use -V mqttv311 (the default) or -V mqttv5"), r.err());
        assertEquals(1, Cli.run("pub", "-t", "a", "-m", "x", "-i", "a", "-I", "b").status(), "-i and -I");
    }

    @Test
    void quietKeepsTheStatusAndDropsTheMessage() {
        int port = FreePorts.loopback(1)[0];
        Cli.Result r = Cli.run("pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", "a", "-m", "x", "--quiet");
        assertEquals(2, r.status(), r.toString());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void debugTellsWhatHappensOnStderr(Broker broker) {
        URI tcp = broker.uri(Listener.TCP);
        String topic = "cli/debug/" + System.nanoTime();
        Cli.Result r = Cli.run("pub", "-L", tcp.toString(), "-t", topic, "-m", "abc", "-q", "1", "-d", "-I", "dbg-");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.err().startsWith("umqtt: connecting to " + tcp + " as dbg-"), r.err());
        assertTrue(r.err().contains("umqtt: connected (session present: false)"), r.err());
        assertTrue(r.err().contains("umqtt: published 3 bytes to " + topic + " (QoS 1)"), r.err());
        assertEquals("", Cli.run("pub", "-L", tcp.toString(), "-t", topic, "-m", "abc").err(), "silent without -d");
    }

    @Test
    void nothingListening() {
        int port = FreePorts.loopback(1)[0];
        Cli.Result r = Cli.run("pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", "a", "-m", "x");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().startsWith("Error: mqtt://127.0.0.1:" + port + ": "), r.err());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void untrustedCertificate(Broker broker) {
        // No --cafile: the JDK's trust store does not know the test CA.
        URI tls = broker.localhostUri(Listener.TLS);
        Cli.Result r = Cli.run("sub", "-L", tls.toString(), "-t", "a", "-W", "10");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().startsWith("Error: " + tls + ": "), r.err());
        assertTrue(r.err().toLowerCase().contains("certificate"), r.err());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withBadCertificates")
    void wrongHostNameUnlessInsecure(Broker broker) {
        Path ca = TestPki.get().caCert();
        URI wrong = broker.localhostUri(Listener.TLS_WRONG_HOST);
        Cli.Result strict = Cli.run("pub", "-L", wrong + "/a", "-m", "x", "--cafile", ca.toString());
        assertEquals(2, strict.status(), strict.toString());
        Cli.Result insecure = Cli.run("pub", "-L", wrong + "/a", "-m", "x", "--cafile", ca.toString(), "--insecure");
        assertEquals(0, insecure.status(), insecure.toString());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withAuth")
    void refusedCredentialsNeverEchoThePassword(Broker broker) {
        URI auth = broker.uri(Listener.AUTH);
        String wrong = "not-the-Secret-42";
        Cli.Result r = Cli.run("pub", "-L", auth + "/a", "-m", "x", "-u", Broker.USER, "-P", wrong);
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("connection refused"), r.err());
        assertFalse(r.err().contains(wrong) || r.outText().contains(wrong), "the password leaked: " + r);

        Cli.Result inUrl = Cli.run("pub", "-L", "mqtt://" + Broker.USER + ":" + wrong + "@" + auth.getHost() + ":"
                + auth.getPort() + "/a", "-m", "x");
        assertEquals(2, inUrl.status(), inUrl.toString());
        assertFalse(inUrl.err().contains(wrong), "the password leaked: " + inUrl);
    }

    @Test
    void aBadPskIsNeverEchoed() {
        String key = "zz0123secretzz";
        Cli.Result r = Cli.run("pub", "-t", "a", "-m", "x", "--psk", key, "--psk-identity", "me");
        assertEquals(1, r.status(), r.toString());
        assertFalse(r.err().contains(key), r.err());
        assertTrue(r.err().contains("--psk takes the key as an even number of hex digits"), r.err());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withPsk")
    void wrongPskFailsTheHandshake(Broker broker) {
        URI psk = broker.localhostUri(Listener.PSK);
        Cli.Result r = Cli.run("pub", "-L", psk + "/a", "-m", "x", "--psk", "00112233", "--psk-identity",
                TestPki.get().pskIdentity());
        assertEquals(2, r.status(), r.toString());
        assertFalse(r.err().contains("00112233"), r.err());
    }
}

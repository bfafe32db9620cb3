package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.TestPki;

/**
 * {@code --capath DIR} ({@code TlsOptions.trustPemDirectory}) against each TLS broker, with the
 * test CA made at test time: a folder holding it (plainly named, beside an unrelated CA) is
 * trusted; a folder without it, an empty folder, and a folder with a file that is no certificate
 * fail with a message saying so.
 */
class CliCaPathTest {

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void aFolderHoldingTheCaIsTrusted(Broker broker, @TempDir Path dir) throws Exception {
        Files.copy(TestPki.get().untrustedCaCert(), dir.resolve("another-ca.crt"));
        Files.copy(TestPki.get().caCert(), dir.resolve("test-ca.pem"));
        Files.writeString(dir.resolve("README"), "not a CA file: neither *.pem nor *.crt, so not read");
        URI tls = broker.localhostUri(Listener.TLS);
        String topic = "cli/capath/" + System.nanoTime();
        Cli.Result pub = Cli.run("pub", "-L", tls + "/" + topic, "--capath", dir.toString(), "-m", "via capath", "-r",
                "-q", "1");
        assertEquals(0, pub.status(), pub.toString());
        Cli.Result sub = Cli.run("sub", "-L", tls + "/" + topic, "--capath", dir.toString(), "-C", "1", "-W", "20");
        assertEquals("via capath\n", sub.outText(), sub.toString());
        // With --cafile too, the CAs of both are trusted (here the file's is not the broker's).
        Cli.Result both = Cli.run("sub", "-L", tls + "/" + topic, "--cafile", TestPki.get().untrustedCaCert().toString(),
                "--capath", dir.toString(), "-C", "1", "-W", "20");
        assertEquals("via capath\n", both.outText(), both.toString());
        assertEquals(0, Cli.run("pub", "-L", tls + "/" + topic, "--capath", dir.toString(), "-n", "-r").status());
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withTls")
    void aFolderWithoutTheCaOrWithoutCertificatesFails(Broker broker, @TempDir Path dir) throws Exception {
        URI tls = broker.localhostUri(Listener.TLS);
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.copy(TestPki.get().untrustedCaCert(), other.resolve("another-ca.pem"));
        Cli.Result untrusted = Cli.run("pub", "-L", tls + "/a", "--capath", other.toString(), "-m", "x");
        assertEquals(2, untrusted.status(), untrusted.toString());
        assertTrue(untrusted.err().contains("the CA folder " + other), untrusted.err());

        Path empty = Files.createDirectory(dir.resolve("empty"));
        Cli.Result none = Cli.run("pub", "-L", tls + "/a", "--capath", empty.toString(), "-m", "x");
        assertEquals(2, none.status(), none.toString());
        assertTrue(none.err().contains(empty + " holds no CA file: expected *.pem or *.crt files"), none.err());

        Path keys = Files.createDirectory(dir.resolve("keys"));
        Files.copy(TestPki.get().caCert(), keys.resolve("ca.pem"));
        Files.copy(TestPki.get().serverKey(), keys.resolve("server-key.pem"));
        Cli.Result key = Cli.run("pub", "-L", tls + "/a", "--capath", keys.toString(), "-m", "x");
        assertEquals(2, key.status(), key.toString());
        assertTrue(key.err().contains(keys.resolve("server-key.pem") + " holds no certificate"), key.err());
    }
}

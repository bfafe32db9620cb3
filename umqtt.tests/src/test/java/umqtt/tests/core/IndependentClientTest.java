package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import umqtt.api.Message;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.Mosquitto;

/** Our bytes arrive intact at mosquitto_sub, and mosquitto_pub's arrive intact here: an independent peer. */
class IndependentClientTest {

    private static final byte[] EVERY_BYTE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            EVERY_BYTE[i] = (byte) i;
        }
    }

    @Test
    void whatWePublishMosquittoSubReceives() throws Exception {
        Path sub = tool("mosquitto_sub");
        Broker broker = Brokers.mosquitto();
        String topic = TestClients.unique("cross/ours");
        try (SimpleClient c = TestClients.tcp(broker, "cross").build()) {
            c.connect();
            c.publish(topic, EVERY_BYTE, true, 1); // retained, so mosquitto_sub gets it whenever it subscribes
            Process p = new ProcessBuilder(sub.toString(), "-h", "127.0.0.1", "-p", port(broker), "-t", topic,
                    "-C", "1", "-N", "-W", "10").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] received = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(15, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "mosquitto_sub exit code");
            assertArrayEquals(EVERY_BYTE, received);
            c.publish(topic, new byte[0], true, 1); // clear the retained message
        }
    }

    @Test
    void whatMosquittoPubPublishesWeReceive(@TempDir Path dir) throws Exception {
        Path pub = tool("mosquitto_pub");
        Broker broker = Brokers.mosquitto();
        String topic = TestClients.unique("cross/theirs");
        Path file = Files.write(dir.resolve("payload.bin"), EVERY_BYTE);
        Inbox inbox = new Inbox();
        try (SimpleClient c = TestClients.tcp(broker, "cross").build()) {
            c.setCallback(inbox);
            c.connect();
            c.subscribe(topic, 2);
            Process p = new ProcessBuilder(pub.toString(), "-h", "127.0.0.1", "-p", port(broker), "-t", topic,
                    "-q", "2", "-f", file.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(15, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), output);
            List<Message> got = inbox.await(c, 1, Duration.ofSeconds(10));
            assertArrayEquals(EVERY_BYTE, got.get(0).payload());
            assertEquals(2, got.get(0).qos());
        }
    }

    private static String port(Broker broker) {
        return Integer.toString(broker.uri(Broker.Listener.TCP).getPort());
    }

    private static Path tool(String name) {
        return Mosquitto.program(name);
    }
}

package umqtt.tests.cli;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import umqtt.tests.brokers.BrokerRequirement;
import umqtt.tests.brokers.FreePorts;
import umqtt.tests.brokers.Mosquitto;

/**
 * A Mosquitto of the test's own whose ACL lets anonymous clients write only under {@code open/}:
 * with MQTT 5 it answers a QoS 1 PUBLISH elsewhere with PUBACK 0x87 Not authorized, the refusal
 * {@code umqtt pub -V mqttv5} must report. Skips (or fails, with UMQTT_REQUIRE_BROKERS=1) without Mosquitto.
 */
final class AclMosquitto implements AutoCloseable {

    private final Process process;
    private final int port;

    private AclMosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static AclMosquitto start(Path folder) throws IOException, InterruptedException {
        Path exe = Mosquitto.executable().orElseThrow(() -> BrokerRequirement.missing(Mosquitto.NAME,
                "mosquitto is not installed", Mosquitto.INSTALL));
        int port = FreePorts.loopback();
        Path acl = Files.write(folder.resolve("acl"), List.of("topic readwrite open/#"));
        Path conf = Files.write(folder.resolve("mosquitto.conf"), List.of("listener " + port + " 127.0.0.1",
                "allow_anonymous true", "acl_file " + acl, "persistence false", "user root"));
        Process p = new ProcessBuilder(exe.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("mosquitto.out").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new AclMosquitto(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("mosquitto with an ACL did not start: see " + folder.resolve("mosquitto.out"));
                }
                Thread.sleep(20); // the port opens once mosquitto has read its config: nothing to wait on but it
            }
        }
    }

    URI uri() {
        return URI.create("mqtt://127.0.0.1:" + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}

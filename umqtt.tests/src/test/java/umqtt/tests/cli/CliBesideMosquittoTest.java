package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.Mosquitto;

/**
 * {@code umqtt pub}/{@code sub} side by side with {@code mosquitto_pub}/{@code mosquitto_sub}:
 * each one's messages reach the other byte for byte, and the same options print the same output.
 */
class CliBesideMosquittoTest {

    private static final byte[] EVERY_BYTE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            EVERY_BYTE[i] = (byte) i;
        }
    }

    private final String port = Integer.toString(Brokers.mosquitto().uri(Listener.TCP).getPort());
    private final String topic = "cli/beside/" + System.nanoTime();

    @Test
    void ourPubToMosquittoSub(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("every-byte.bin"), EVERY_BYTE);
        Cli.Result pub = Cli.run("pub", "-h", "127.0.0.1", "-p", port, "-t", topic, "-f", file.toString(), "-r", "-q", "1");
        assertEquals(0, pub.status(), pub.toString());
        byte[] got = tool("mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-t", topic, "-C", "1", "-N", "-W", "10");
        assertArrayEquals(EVERY_BYTE, got);
        clear();
    }

    /**
     * {@code umqtt pub -l -q 1} with a file of 2,000 lines, received by {@code mosquitto_sub}: all
     * of them, in order. The subscriber proves it is subscribed by printing a probe first, and its
     * output is read all along (a subscriber blocked on a full pipe would make the broker drop).
     */
    @Test
    void ourPubOfTwoThousandLinesToMosquittoSub(@TempDir Path dir) throws Exception {
        int n = 2_000;
        Process sub = new ProcessBuilder(Mosquitto.program("mosquitto_sub").toString(), "-h", "127.0.0.1", "-p", port,
                "-t", topic + "/#", "-v", "-q", "1", "-W", "50").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(sub.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("read failed: " + e);
            }
        }, "mosquitto_sub-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String first = null;
            for (int probe = 0; probe < 100 && first == null; probe++) {
                tool("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", topic + "/probe", "-m", "ready");
                first = lines.poll(100, TimeUnit.MILLISECONDS);
            }
            assertEquals(topic + "/probe ready", first, "mosquitto_sub subscribed");
            StringBuilder text = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                text.append("line ").append(i).append('\n');
                expected.add("line " + i);
            }
            Path file = Files.writeString(dir.resolve("lines.txt"), text);
            Cli.Result pub = Cli.runWithInput(Files.readAllBytes(file), "pub", "-h", "127.0.0.1", "-p", port,
                    "-t", topic + "/lines", "-l", "-q", "1");
            assertEquals(0, pub.status(), pub.toString());
            List<String> got = new ArrayList<>();
            while (got.size() < n) {
                String line = lines.poll(20, TimeUnit.SECONDS);
                if (line == null) {
                    break;
                }
                if (line.startsWith(topic + "/lines ")) {
                    got.add(line.substring(topic.length() + 7));
                }
            }
            assertEquals(expected, got, "every line, in order");
        } finally {
            sub.destroy();
        }
    }

    @Test
    void mosquittoPubToOurSub(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("every-byte.bin"), EVERY_BYTE);
        tool("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", topic, "-f", file.toString(), "-r", "-q", "1");
        Cli.Result sub = Cli.run("sub", "-h", "127.0.0.1", "-p", port, "-t", topic, "-C", "1", "-N", "-W", "10");
        assertEquals(0, sub.status(), sub.toString());
        assertArrayEquals(EVERY_BYTE, sub.out());
        clear();
    }

    @Test
    void sameOptionsPrintTheSame() throws Exception {
        tool("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", topic + "/a", "-m", "alpha beta", "-r");
        tool("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", topic + "/b/c", "-m", "gamma", "-r");
        for (List<String> options : List.<List<String>>of(List.of("-v"), List.of("-N"), List.of(), List.of("-v", "-N"))) {
            List<String> args = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", port, "-t", topic + "/#", "-C", "2",
                    "-W", "10"));
            args.addAll(options);
            byte[] theirs = tool("mosquitto_sub", args.toArray(String[]::new));
            args.add(0, "sub");
            Cli.Result ours = Cli.run(args.toArray(String[]::new));
            assertEquals(0, ours.status(), ours.toString());
            assertEquals(new String(theirs), ours.outText(), "output of " + options);
        }
        tool("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", topic + "/a", "-n", "-r");
        tool("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", topic + "/b/c", "-n", "-r");
    }

    @Test
    void sameOutputForQueuedMessagesIncludingEmptyOnes() throws Exception {
        // Each subscriber gets a persistent session first; then the messages queue in both, so both
        // runs see exactly the same messages in the same order. New sessions for each option set:
        // mosquitto_sub -C leaves without acknowledging its last QoS 1 message, which the broker
        // would deliver again to the next run of the same client id.
        String t = topic + "/queued";
        for (List<String> options : List.<List<String>>of(List.of("-v"), List.of(), List.of("-v", "-N"))) {
            String ours = "cli-beside-ours-" + System.nanoTime();
            String theirs = "cli-beside-theirs-" + System.nanoTime();
            List<String> session = List.of("-h", "127.0.0.1", "-p", port, "-t", t, "-c", "-q", "1");
            runTool("mosquitto_sub", concat(session, "-i", theirs, "-W", "1"));
            Cli.run(concat(concat(List.of("sub"), session.toArray(String[]::new)), "-i", ours, "-W", "0.3")
                    .toArray(String[]::new));
            for (String payload : new String[] {"", "x", "", "two words"}) {
                Cli.Result pub = payload.isEmpty()
                        ? Cli.run("pub", "-h", "127.0.0.1", "-p", port, "-t", t, "-q", "1", "-n")
                        : Cli.run("pub", "-h", "127.0.0.1", "-p", port, "-t", t, "-q", "1", "-m", payload);
                assertEquals(0, pub.status(), pub.toString());
            }
            List<String> args = concat(session, "-C", "4", "-W", "10");
            args.addAll(options);
            byte[] expected = runTool("mosquitto_sub", concat(args, "-i", theirs));
            List<String> ourArgs = concat(concat(List.of("sub"), args.toArray(String[]::new)), "-i", ours);
            Cli.Result got = Cli.run(ourArgs.toArray(String[]::new));
            assertEquals(0, got.status(), got.toString());
            assertEquals(new String(expected), got.outText(), "output of " + options);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /** Runs a mosquitto client whatever its exit status (mosquitto_sub -W exits 27 when it times out). */
    private static byte[] runTool(String name, List<String> args) throws Exception {
        Path exe = Mosquitto.program(name);
        List<String> command = new ArrayList<>(List.of(exe.toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), name + " finished");
        return out;
    }

    private void clear() throws Exception {
        tool("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", topic, "-n", "-r");
    }

    private static byte[] tool(String name, String... args) throws Exception {
        Path exe = Mosquitto.program(name);
        List<String> command = new ArrayList<>(List.of(exe.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), name + " finished");
        assertEquals(0, p.exitValue(), name + " " + String.join(" ", args));
        return out;
    }
}

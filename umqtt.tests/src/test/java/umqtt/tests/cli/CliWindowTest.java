package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.tests.brokers.RawPacket;
import umqtt.tests.brokers.ScriptedServer;

/**
 * {@code pub -l} and {@code --repeat} keep {@code --max-inflight} QoS 1 messages on the wire before
 * the first PUBACK, and do not disconnect before the last one: a scripted server holds the
 * acknowledgements back (no broker does that on request).
 */
class CliWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long the server waits to see that no further PUBLISH comes while the window is full. */
    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void linesFillTheWindowBeforeTheFirstAcknowledgementAndAreAllAcknowledgedBeforeDisconnect() throws Exception {
        byte[] lines = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n".getBytes(StandardCharsets.UTF_8);
        try (ScriptedServer server = ScriptedServer.start()) {
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.runWithInput(lines, "pub",
                    "-L", server.uri().toString(), "-t", "w", "-l", "-q", "1", "--max-inflight", "4"));
            expectWindow(server, 4, 10);
            Cli.Result r = run.get(10, TimeUnit.SECONDS);
            assertEquals(0, r.status(), r.toString());
        }
    }

    @Test
    void repeatFillsTheWindowToo() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run("pub", "-L",
                    server.uri().toString(), "-t", "w", "-m", "x", "-q", "1", "--repeat", "6", "--max-inflight", "3"));
            expectWindow(server, 3, 6);
            assertEquals(0, run.get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void aBrokerThatNeverAcknowledgesFailsTheRunWithStatusTwo() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run("pub", "-L",
                    server.uri().toString(), "-t", "w", "-m", "x", "-q", "1", "-k", "2", "--repeat", "2"));
            ScriptedServer.Connection c = server.accept(WAIT);
            assertEquals(1, c.read(WAIT).type(), "CONNECT");
            c.sendHex("20 02 00 00");
            assertEquals(3, c.read(WAIT).type());
            assertEquals(3, c.read(WAIT).type());
            assertEquals(12, c.read(WAIT).type(), "PINGREQ while flush waits; never answered");
            Cli.Result r = run.get(10, TimeUnit.SECONDS);
            assertEquals(2, r.status(), r.toString());
            assertTrue(r.err().startsWith("Error: "), r.err());
        }
    }

    /** Takes the connection: {@code window} PUBLISHes come at once, no more; then each PUBACK lets one more out. */
    private static void expectWindow(ScriptedServer server, int window, int total) throws Exception {
        ScriptedServer.Connection c = server.accept(WAIT);
        assertEquals(1, c.read(WAIT).type(), "CONNECT");
        c.sendHex("20 02 00 00");
        int[] ids = new int[total];
        for (int i = 0; i < window; i++) {
            ids[i] = publishId(c.read(WAIT));
        }
        assertThrows(AssertionError.class, () -> c.read(QUIET), "no PUBLISH beyond the window of " + window);
        for (int i = window; i < total; i++) {
            ack(c, ids[i - window]);
            ids[i] = publishId(c.read(WAIT));
        }
        for (int i = total - window; i < total; i++) {
            assertFalse(c.isClosedByPeer(Duration.ofMillis(50)), "still connected while message " + (i + 1)
                    + " awaits its PUBACK");
            ack(c, ids[i]);
        }
        assertEquals(14, c.read(WAIT).type(), "DISCONNECT after the last PUBACK");
    }

    private static int publishId(RawPacket p) {
        assertEquals(3, p.type(), "PUBLISH: " + p);
        assertEquals(1, p.flags() >>> 1 & 3, "QoS 1");
        int topicLength = (p.body()[0] & 0xFF) << 8 | p.body()[1] & 0xFF;
        return (p.body()[2 + topicLength] & 0xFF) << 8 | p.body()[3 + topicLength] & 0xFF;
    }

    private static void ack(ScriptedServer.Connection c, int id) throws java.io.IOException {
        c.send(new byte[] {0x40, 2, (byte) (id >>> 8), (byte) id}); // PUBACK
    }
}

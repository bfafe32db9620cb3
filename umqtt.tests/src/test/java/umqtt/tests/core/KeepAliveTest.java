package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.core.Scripted.async;
import static umqtt.tests.core.Scripted.result;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.ScriptedServer;

/**
 * Keepalive and dead-link detection without threads: waitMsg, checkMsg and acknowledgement waits
 * ping when due and give up when the server stays silent (umqtt defects 1 and 2).
 */
class KeepAliveTest {

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void anIdleClientStaysConnectedPastOneAndAHalfKeepalives(Broker broker) throws Exception {
        String topic = TestClients.unique("idle");
        Inbox inbox = new Inbox();
        try (SimpleClient idle = TestClients.tcp(broker, "idle").keepAlive(Duration.ofSeconds(2)).build();
             SimpleClient pub = TestClients.tcp(broker, "pub").build()) {
            idle.setCallback(inbox);
            idle.connect();
            idle.subscribe(topic, 1);
            // 4 s of silence is longer than the 3 s after which the broker drops a client that does not ping.
            long quietUntil = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() - quietUntil < 0) {
                assertFalse(idle.checkMsg() && inbox.size() > 0, "nothing was published");
            }
            pub.connect();
            pub.publish(topic, "still there".getBytes(), false, 1);
            assertEquals("still there", new String(inbox.await(idle, 1, Duration.ofSeconds(5)).get(0).payload()));
        }
    }

    @Test
    void waitMsgPingsWhenDueAndDetectsAMissingPingresp() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).keepAlive(Duration.ofSeconds(1)).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            long start = System.nanoTime();
            CompletableFuture<Void> wait = async(() -> {
                client.waitMsg();
                return null;
            });
            assertEquals("C0 00", conn.read(Scripted.WAIT).toString(), "PINGREQ after a quiet keepalive");
            // Pinged at 3/4 of the keepalive; the server never answers: dead half a keepalive later.
            IOException e = assertThrows(IOException.class, () -> result(wait));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(e.getMessage().contains("PINGRESP"), e.getMessage());
            assertTrue(millis >= 1_150 && millis < 2_500, "detected after " + millis + " ms (keepalive 1 s)");
            assertTrue(conn.isClosedByPeer(Scripted.WAIT), "the client closed the dead link");
        }
    }

    @Test
    void checkMsgAlsoRunsTheKeepalive() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).keepAlive(Duration.ofSeconds(1)).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            CompletableFuture<Void> poll = async(() -> {
                while (true) {
                    client.checkMsg();
                }
            });
            assertEquals("C0 00", conn.read(Scripted.WAIT).toString(), "PINGREQ");
            conn.sendHex("D0 00"); // PINGRESP
            assertEquals("C0 00", conn.read(Scripted.WAIT).toString(), "the next PINGREQ a keepalive later");
            IOException e = assertThrows(IOException.class, () -> result(poll));
            assertTrue(e.getMessage().contains("PINGRESP"), e.getMessage());
        }
    }

    @Test
    void aPublishWaitingForItsAckGivesUpOnADeadLink() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).keepAlive(Duration.ofSeconds(1)).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            long start = System.nanoTime();
            CompletableFuture<Void> publish = async(() -> {
                client.publish("t", "x".getBytes(), false, 1);
                return null;
            });
            assertEquals(3, conn.read(Scripted.WAIT).type(), "PUBLISH");
            assertEquals("C0 00", conn.read(Scripted.WAIT).toString(), "PINGREQ while waiting for PUBACK");
            assertThrows(IOException.class, () -> result(publish));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis < 3_000, "gave up after " + millis + " ms");
        }
    }

    @Test
    void withKeepaliveOffTheResponseTimeoutBoundsTheWait() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).responseTimeout(Duration.ofMillis(700)).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            CompletableFuture<Integer> subscribe = async(() -> {
                client.setCallback(m -> { });
                return client.subscribe("t/#", 1);
            });
            assertEquals(8, conn.read(Scripted.WAIT).type(), "SUBSCRIBE");
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> result(subscribe));
            assertTrue(e.getMessage().contains("no SUBACK") && e.getMessage().contains("700 ms"), e.getMessage());
        }
    }

    @Test
    void aConnackThatNeverComesTimesOut() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            CompletableFuture<Boolean> connect = async(() -> client.connect(true, Duration.ofMillis(500)));
            ScriptedServer.Connection conn = server.accept(Scripted.WAIT);
            assertEquals(1, conn.read(Scripted.WAIT).type(), "CONNECT");
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> result(connect));
            assertTrue(e.getMessage().contains("no CONNACK") && e.getMessage().contains("500 ms"), e.getMessage());
            assertTrue(conn.isClosedByPeer(Scripted.WAIT));
        }
    }

    @Test
    void aRefusedTcpConnectionNamesTheServer() throws Exception {
        int port = umqtt.tests.brokers.FreePorts.loopback();
        try (SimpleClient client = SimpleClient.builder().server("mqtt://127.0.0.1:" + port).build()) {
            IOException e = assertThrows(IOException.class, client::connect);
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        }
    }
}

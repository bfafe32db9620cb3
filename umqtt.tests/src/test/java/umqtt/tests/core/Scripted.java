package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.RawPacket;
import umqtt.tests.brokers.ScriptedServer;

/** Helpers for tests that play the server's part byte by byte while the client blocks in another thread. */
final class Scripted {

    static final Duration WAIT = Duration.ofSeconds(5);

    private Scripted() {
    }

    /** A builder pointed at the scripted server. */
    static SimpleClient.Builder client(ScriptedServer server) {
        return SimpleClient.builder().server(server.uri().toString()).clientId(TestClients.unique("scripted"));
    }

    /** Runs a client call on another thread, so the test can answer for the server meanwhile. */
    static <T> CompletableFuture<T> async(Callable<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "client-call");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The result of an async call, or what it threw. */
    static <T> T result(CompletableFuture<T> f) throws Throwable {
        try {
            return f.get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    /** Accepts the client's connection, checks it sent CONNECT and answers with {@code connack}. */
    static ScriptedServer.Connection accept(ScriptedServer server, String connackHex) throws Exception {
        ScriptedServer.Connection conn = server.accept(WAIT);
        RawPacket connect = conn.read(WAIT);
        assertEquals(1, connect.type(), "CONNECT first: " + connect);
        conn.sendHex(connackHex);
        return conn;
    }

    /** Connects {@code client} to the scripted server with CONNACK accepted, session not present. */
    static ScriptedServer.Connection connect(ScriptedServer server, SimpleClient client) throws Throwable {
        CompletableFuture<Boolean> connected = async(() -> client.connect());
        ScriptedServer.Connection conn = accept(server, "20 02 00 00"); // CONNACK: no session, accepted
        result(connected);
        return conn;
    }

    /** The packet id of a PUBLISH with QoS > 0, read from its raw body. */
    static int publishId(RawPacket publish) {
        byte[] b = publish.body();
        int topicLength = (b[0] & 0xFF) << 8 | b[1] & 0xFF;
        return (b[2 + topicLength] & 0xFF) << 8 | b[3 + topicLength] & 0xFF;
    }

    /** Two bytes of a packet id in hex, e.g. "00 07". */
    static String id(int packetId) {
        return String.format("%02X %02X", packetId >>> 8, packetId & 0xFF);
    }
}

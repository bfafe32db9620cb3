package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.core.Scripted.async;
import static umqtt.tests.core.Scripted.result;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.ScriptedServer;

/** One client, two threads at once: reported, never a corrupted stream. */
class ConcurrencyTest {

    @Test
    void aSecondThreadInsideTheClientIsReported() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            client.setCallback(m -> {
                inside.countDown();
                await(release); // the 'client-call' thread is now inside waitMsg, in the callback
            });
            CompletableFuture<Void> receiving = async(() -> {
                client.waitMsg();
                return null;
            });
            conn.sendHex("30 04 00 01 61 21"); // PUBLISH QoS 0 to "a"
            assertTrue(inside.await(5, TimeUnit.SECONDS));
            Thread.currentThread().setName("publisher");

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.publish("t", new byte[1]));
            assertTrue(e.getMessage().contains("'publisher'") && e.getMessage().contains("'client-call'")
                    && e.getMessage().contains("one thread at a time"), e.getMessage());

            release.countDown();
            result(receiving);
            client.ping(); // the stream is intact and the client usable from this thread now
            assertEquals("C0 00", conn.read(Scripted.WAIT).toString());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

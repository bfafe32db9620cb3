package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.Message;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;

/**
 * {@code send} with a window of 20 through real brokers: thousands of messages arrive at an
 * independent subscriber in the order sent (QoS 2 exactly once), the listener reports every
 * ticket once, and a publisher whose window is full still delivers the messages that arrive for it.
 */
class SendThroughBrokersTest {

    private static final int WINDOW = 20;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The subscriber reads on its own thread (each client stays confined to one thread). */
    private static final ExecutorService READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "subscriber");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void stopReader() {
        READER.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void tenThousandQos1SendsArriveInOrder(Broker broker) throws Exception {
        sendAndReceive(broker, 1, 10_000);
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void twoThousandQos2SendsArriveInOrderExactlyOnce(Broker broker) throws Exception {
        sendAndReceive(broker, 2, 2_000);
    }

    private void sendAndReceive(Broker broker, int qos, int n) throws Exception {
        String topic = TestClients.unique("send-q" + qos);
        List<Integer> got = new ArrayList<>();
        long[] reports = new long[n + 1];
        List<String> failures = new ArrayList<>();
        try (SimpleClient sub = TestClients.tcp(broker, "sub").build();
             SimpleClient pub = TestClients.tcp(broker, "pub").maxInFlight(WINDOW).build()) {
            sub.setCallback(m -> got.add(ByteBuffer.wrap(m.payload()).getInt()));
            sub.connect();
            assertEquals(qos, sub.subscribe(topic, qos));
            Future<?> reading = READER.submit(() -> {
                while (got.size() < n) {
                    sub.waitMsg(); // should messages stop coming, the test's timeout closes the client under it
                }
                return null;
            });
            pub.setAckListener((ticket, failure) -> {
                if (ticket < 1 || ticket > n) {
                    failures.add("ticket " + ticket + " was never given out");
                } else if (reports[(int) ticket]++ > 0) {
                    failures.add("ticket " + ticket + " reported twice");
                }
                if (failure != null) {
                    failures.add("ticket " + ticket + " failed: " + failure);
                }
            });
            pub.connect();
            byte[] payload = new byte[4];
            for (int i = 0; i < n; i++) {
                ByteBuffer.wrap(payload).putInt(i); // reused at once: send keeps its own copy
                assertEquals(i + 1L, pub.send(topic, payload, false, qos), "tickets count the sends");
                assertTrue(pub.inFlight() < WINDOW, "send returns with a free slot: " + pub.inFlight());
            }
            assertTrue(pub.flush(WAIT), "every message acknowledged");
            assertEquals(0, pub.inFlight());
            reading.get(WAIT.toSeconds() + 5, TimeUnit.SECONDS);
            assertEquals(List.of(), failures);
            for (int t = 1; t <= n; t++) {
                assertEquals(1, reports[t], "ticket " + t + " reported once");
            }
            assertEquals(n, got.size(), "every message arrived, none twice (" + broker + ")");
            for (int i = 0; i < n; i++) {
                if (got.get(i) != i) {
                    throw new AssertionError("message " + i + " arrived as number " + got.get(i) + " from " + broker
                            + ": out of order or duplicated");
                }
            }
            pub.disconnect();
            sub.disconnect();
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void aPublisherWhoseWindowIsFullStillDeliversItsInboundMessages(Broker broker) throws IOException {
        String topic = TestClients.unique("send-echo");
        int n = 2_000;
        List<Message> got = new ArrayList<>();
        int[] deliveredWhileFull = new int[1];
        try (SimpleClient c = TestClients.tcp(broker, "echo").maxInFlight(4).build()) {
            c.setCallback(m -> {
                got.add(m);
                if (c.inFlight() >= 4) {
                    deliveredWhileFull[0]++; // only a send waiting for a slot reads with a full window
                }
            });
            c.connect();
            c.subscribe(topic, 1);
            for (int i = 0; i < n; i++) {
                c.send(topic, ByteBuffer.allocate(4).putInt(i).array(), false, 1);
            }
            assertTrue(c.flush(WAIT));
            Inbox.pumpUntil(c, () -> got.size() >= n, WAIT, () -> got.size() + " of " + n + " echoes");
            assertEquals(n, got.size());
            for (int i = 0; i < n; i++) {
                assertEquals(i, ByteBuffer.wrap(got.get(i).payload()).getInt(), "echo " + i + " in order");
            }
            assertTrue(deliveredWhileFull[0] > 0, "some echoes arrived while a send waited for a slot");
            c.disconnect();
        }
    }
}

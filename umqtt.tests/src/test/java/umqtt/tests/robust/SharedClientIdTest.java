package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;

/**
 * Two instances started with one client id (a common deployment mistake): the broker drops each
 * one's link when the other connects. With the default policy they must back off from each other
 * rather than reconnect in a storm, although every link completes publishes before it is dropped.
 */
class SharedClientIdTest {

    private static final long RUN_MILLIS = 2_000;
    /** Reconnects in RUN_MILLIS for both: a storm makes thousands; backing off, a few dozen at most. */
    private static final long AT_MOST = 60;

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void twoClientsWithOneClientIdBackOffFromEachOther(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String id = "robust-twin-" + System.nanoTime();
        RecordingLogger logA = new RecordingLogger();
        RecordingLogger logB = new RecordingLogger();
        AtomicLong published = new AtomicLong();
        try (RobustClient a = twin(uri, id, logA); RobustClient b = twin(uri, id, logB)) {
            a.connect(false);
            b.connect(false);
            Thread ta = publisher(a, published);
            Thread tb = publisher(b, published);
            ta.start();
            tb.start();
            ta.join(RUN_MILLIS);
            a.close(); // ends a backoff wait at once
            b.close();
            ta.join(TimeUnit.SECONDS.toMillis(10));
            tb.join(TimeUnit.SECONDS.toMillis(10));
        }
        long reconnects = logA.count("reconnected") + logB.count("reconnected");
        assertTrue(reconnects <= AT_MOST, reconnects + " reconnects in " + RUN_MILLIS + " ms (" + published.get()
                + " publishes): a reconnect storm; log of one twin:\n" + tail(logA.all()));
        assertTrue(reconnects >= 2, "the broker did not drop the twins' links: " + reconnects + " reconnects");
    }

    private static RobustClient twin(URI uri, String id, RecordingLogger log) {
        return RobustClient.builder().logger(log)
                .wrap(SimpleClient.builder().clientId(id).server(uri.toString()).build());
    }

    /** Publishes QoS 0 every millisecond until its client is closed. */
    private static Thread publisher(RobustClient c, AtomicLong published) {
        Thread t = new Thread(() -> {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
            while (System.nanoTime() < end) {
                try {
                    c.publish("robust/twin", new byte[] {1}, false, 0);
                    published.incrementAndGet();
                    Thread.sleep(1); // the pace of a busy sensor, not a wait for a condition
                } catch (IOException | IllegalStateException | InterruptedException e) {
                    return; // closed
                }
            }
        }, "twin-publisher");
        t.setDaemon(true);
        return t;
    }

    private static String tail(String log) {
        return log.length() <= 3000 ? log : "..." + log.substring(log.length() - 3000);
    }
}

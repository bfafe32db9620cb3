package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;

/**
 * QoS 2 exactly once when the RobustClient reconnects inside its callback: the callback answers a
 * QoS 2 message by publishing through the same RobustClient while the link is cut; the publish
 * reconnects from inside the callback, and the broker, which got no PUBREC yet, sends the message
 * again on the new link. It must not be delivered a second time.
 */
class Qos2ReconnectInCallbackTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ONCE = "exactly-once";
    private static final String END = "end";

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void aQos2MessageIsDeliveredOnceThoughTheCallbackReconnects(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String topic = "robust/q2-callback/" + System.nanoTime();
        String replies = topic + "/reply";
        RecordingLogger log = new RecordingLogger();
        Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
        AtomicReference<Throwable> callbackFailure = new AtomicReference<>();
        try (FaultProxy proxy = FaultProxy.to(uri);
                Receiver replyReceiver = Receiver.direct(uri, replies, 1);
                SimpleClient publisher = SimpleClient.builder().clientId("q2cb-pub-" + System.nanoTime())
                        .server(uri.toString()).build();
                RobustClient robust = RobustClient.builder().initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(50)).logger(log)
                        .wrap(SimpleClient.builder().clientId("q2cb-" + System.nanoTime())
                                .server(proxy.uri().toString()).keepAlive(Duration.ofSeconds(2)).build())) {
            robust.setCallback(m -> {
                String payload = new String(m.payload(), StandardCharsets.UTF_8);
                int n = arrivals.computeIfAbsent(payload, k -> new AtomicInteger()).incrementAndGet();
                if (payload.equals(ONCE) && n == 1) {
                    proxy.cutAll(); // the link fails under the callback's publish
                    try {
                        robust.publish(replies, "reply".getBytes(StandardCharsets.UTF_8), false, 1);
                    } catch (IOException e) {
                        callbackFailure.set(e);
                    }
                }
            });
            robust.connect(true); // made persistent at once: the broker keeps the QoS 2 state
            robust.subscribe(topic, 2);
            publisher.connect(true);
            publisher.publish(topic, ONCE.getBytes(StandardCharsets.UTF_8), false, 2);
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean endSent = false;
            while (!arrivals.containsKey(END) && System.nanoTime() < deadline) {
                robust.waitMsg();
                if (!endSent && replyReceiver.arrivals("reply") > 0) {
                    // Published after the redelivery, so it arrives after it: once it is here, every
                    // copy of the QoS 2 message that was going to be delivered has been.
                    publisher.publish(topic, END.getBytes(StandardCharsets.UTF_8), false, 2);
                    endSent = true;
                }
            }
            while (robust.checkMsg()) {
                // deliver whatever is still held
            }
            assertNull(callbackFailure.get(), "the publish inside the callback failed");
            assertTrue(arrivals.containsKey(END), "the end marker never came; arrivals " + arrivals + "; log:\n"
                    + log.all());
            assertTrue(proxy.accepted() >= 2, "the link was not cut: " + proxy.accepted() + " connections");
            assertEquals(1, arrivals.get(ONCE).get(), "the QoS 2 message was delivered more than once; log:\n"
                    + log.all());
        }
    }
}

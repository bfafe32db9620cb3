package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.mqtt5.Mqtt5Brokers.WAIT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.Subscription;
import umqtt.mqtt5.UserProperty;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.robust.FaultProxy;

/**
 * The will with its properties and its Will Delay Interval (MQTT 5.0, 3.1.3.2): published after the
 * delay once the link is lost, not at all when the client comes back in time. The link is cut by a
 * proxy, so the broker sees no DISCONNECT.
 */
class WillTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final PublishProperties WILL_PROPERTIES = PublishProperties.builder().utf8Payload(true)
            .contentType("text/plain").responseTopic("m5/will/answers").correlationData(new byte[] {7, 7})
            .messageExpiry(60).userProperty("reason", "link lost").build();

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aDelayedWillIsPublishedWithItsPropertiesAfterTheDelay(Broker broker) throws Exception {
        String will = Mqtt5Brokers.topic("will/delayed");
        Inbox observed = new Inbox();
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.TCP));
                Mqtt5Client client = Mqtt5Brokers.client(proxy.uri(), "will").sessionExpiry(Duration.ofSeconds(10))
                        .build();
                Mqtt5Client observer = Mqtt5Brokers.client(broker, "observer").build()) {
            observer.setCallback(observed);
            observer.connect();
            observer.subscribe(Subscription.of(will, 1));
            observed.pump(observer);
            client.setLastWill(utf8(will), utf8("gone"), false, 1, WILL_PROPERTIES, Duration.ofSeconds(1));
            client.connect(true);
            long cut = System.nanoTime();
            proxy.cutAll();
            Inbox.Received received = observed.await("gone", WAIT);
            long afterMillis = (System.nanoTime() - cut) / 1_000_000;
            assertTrue(afterMillis >= 900, "the will came " + afterMillis + " ms after the cut, before its 1 s delay");
            PublishProperties p = received.properties();
            assertTrue(p.utf8Payload(), p.toString());
            assertEquals("text/plain", p.contentType());
            assertEquals("m5/will/answers", p.responseTopic());
            assertArrayEquals(new byte[] {7, 7}, p.correlationData());
            assertEquals(List.of(new UserProperty("reason", "link lost")), p.userProperties());
            assertTrue(p.messageExpiry() > 0 && p.messageExpiry() <= 60, p.toString());
            observed.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aDelayedWillIsNotPublishedWhenTheClientReconnectsInTime(Broker broker) throws Exception {
        // A second client with a longer delay, cut at the same moment and never back, is the marker:
        // when its will arrives, the first one's (1 s earlier) would have arrived too.
        String will = Mqtt5Brokers.topic("will/cancelled");
        Inbox observed = new Inbox();
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.TCP));
                Mqtt5Client back = Mqtt5Brokers.client(proxy.uri(), "back").sessionExpiry(Duration.ofSeconds(10)).build();
                Mqtt5Client gone = Mqtt5Brokers.client(proxy.uri(), "gone").sessionExpiry(Duration.ofSeconds(10)).build();
                Mqtt5Client observer = Mqtt5Brokers.client(broker, "observer").build()) {
            observer.setCallback(observed);
            observer.connect();
            observer.subscribe(Subscription.of(will, 1));
            observed.pump(observer);
            back.setLastWill(utf8(will), utf8("back's will"), false, 1, PublishProperties.NONE, Duration.ofSeconds(1));
            gone.setLastWill(utf8(will), utf8("marker"), false, 1, PublishProperties.NONE, Duration.ofSeconds(2));
            back.connect(true);
            gone.connect(true);
            proxy.cutAll();
            awaitLinkLoss(back);
            assertTrue(back.connect(false), "the session was kept: " + back.connack());
            observed.await("marker", WAIT);
            assertEquals(List.of("marker"), observed.payloads(), "the will of a client that came back in time");
            back.disconnect();
            observed.close();
        }
    }

    /** Pings until the client finds its link cut (a client learns of a loss only by using the link). */
    private static void awaitLinkLoss(Mqtt5Client client) {
        assertThrows(IOException.class, () -> {
            while (true) {
                client.ping();
                client.waitMsg(Duration.ofSeconds(5));
            }
        });
    }
}

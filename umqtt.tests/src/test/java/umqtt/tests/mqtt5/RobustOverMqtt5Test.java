package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.mqtt5.Mqtt5Brokers.WAIT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.Subscription;
import umqtt.robust.RobustClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.robust.FaultProxy;

/**
 * RobustClient over {@link Mqtt5Client} delegates: no QoS 1 or 2 message lost through a link cut
 * every few hundred milliseconds (QoS 2 exactly once), and a session that expired while the link
 * was down renewed with each filter's subscription options and identifier, which the Mqtt5Client
 * remembers for RobustClient's 3.1.1 renewal ({@link Mqtt5Client#subscriptionOptions}).
 */
class RobustOverMqtt5Test {

    private static final int MESSAGES = 2000;
    private static final int MIN_CUTS = 4;
    private static final int MAX_MESSAGES = 50_000;
    private static final int LAG = 500;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<Object[]> brokersAndQos() {
        List<Object[]> cases = new ArrayList<>();
        Mqtt5Brokers.all().forEach(b -> {
            cases.add(new Object[] {b, 1});
            cases.add(new Object[] {b, 2});
        });
        return cases;
    }

    @ParameterizedTest(name = "{0} qos {1}")
    @MethodSource("brokersAndQos")
    void noMessageIsLostThroughCuts(Broker broker, int qos) throws Exception {
        String topic = Mqtt5Brokers.topic("robust/noloss/" + qos);
        Inbox inbox = new Inbox();
        ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.TCP));
                // The largest Receive Maximum: Mosquitto 2.0.11 exceeds a smaller one at QoS 2 under load
                // (ClientLimitsTest#aFastQos2StreamAndTheClientsReceiveMaximum), which is not this test's subject.
                Mqtt5Client receiver = Mqtt5Brokers.client(broker, "robust-receiver").receiveMaximum(65_535).build();
                RobustClient publisher = RobustClient.builder().initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(100)).wrap(Mqtt5Brokers.client(proxy.uri(), "robust-publisher")
                                .responseTimeout(Duration.ofSeconds(5)).build())) {
            receiver.setCallback(inbox);
            receiver.connect(false);
            receiver.subscribe(Subscription.of(topic, qos));
            inbox.pump(receiver);
            publisher.connect(true);
            Runnable[] cut = new Runnable[1];
            cut[0] = () -> {
                proxy.cutAll();
                cutter.schedule(cut[0], ThreadLocalRandom.current().nextLong(150, 300), TimeUnit.MILLISECONDS);
            };
            cutter.schedule(cut[0], 150, TimeUnit.MILLISECONDS);
            int sent = 0;
            while (sent < MESSAGES || proxy.accepted() <= MIN_CUTS && sent < MAX_MESSAGES) {
                publisher.publish(topic, utf8("m-" + sent), false, qos);
                sent++;
                if (sent % LAG == 0) {
                    // Brokers drop messages queued beyond their limit for a slow subscriber: keep up.
                    assertTrue(inbox.awaitDistinct(sent - LAG, WAIT), "the receiver fell behind: " + inbox.failure());
                }
            }
            cutter.shutdownNow();
            assertTrue(proxy.accepted() > MIN_CUTS, "cut too rarely: " + proxy.accepted() + " links for " + sent);
            int all = sent;
            assertTrue(inbox.awaitDistinct(all, Duration.ofSeconds(20)), () -> missing(inbox, all));
            if (qos == 2) {
                assertEquals(Map.of(), inbox.duplicates(), "QoS 2 delivered more than once");
            }
            inbox.close();
        } finally {
            cutter.shutdownNow();
        }
    }

    private static String missing(Inbox inbox, int sent) {
        java.util.Set<String> got = new java.util.HashSet<>(inbox.payloads());
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < sent && missing.size() < 10; i++) {
            if (!got.contains("m-" + i)) {
                missing.add("m-" + i);
            }
        }
        return got.size() + " of " + sent + " arrived, missing e.g. " + missing + "; receiver: " + inbox.failure();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void anExpiredSessionIsRenewedWithTheSubscriptionsOptionsAndIdentifier(Broker broker) throws Exception {
        String topic = Mqtt5Brokers.topic("robust/renew");
        String will = topic + "/session-ended";
        Inbox inbox = new Inbox();
        Inbox observed = new Inbox();
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.TCP));
                Mqtt5Client delegate = Mqtt5Brokers.client(proxy.uri(), "robust-renew")
                        .sessionExpiry(Duration.ofSeconds(1)).build();
                RobustClient robust = RobustClient.builder().initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(100)).wrap(delegate);
                Mqtt5Client other = Mqtt5Brokers.client(broker, "other").build();
                Mqtt5Client observer = Mqtt5Brokers.client(broker, "observer").build()) {
            // The Mqtt5Callback goes on the delegate (RobustClient's MessageCallback would replace it).
            delegate.setCallback(inbox);
            // A will delayed past the session's end is published when the session ends: the sign it expired.
            delegate.setLastWill(utf8(will), utf8("session ended"), false, 1, PublishProperties.NONE,
                    Duration.ofSeconds(60));
            // How the filter is to be subscribed, also when RobustClient renews it: No Local, identifier 7.
            delegate.subscriptionOptions(Subscription.of(topic, 1).withNoLocal(), 7);
            observer.setCallback(observed);
            observer.connect();
            observer.subscribe(Subscription.of(will, 1));
            observed.pump(observer);
            other.connect();

            assertFalse(robust.connect(false));
            assertEquals(1, robust.subscribe(topic, 1));
            robust.publish(topic, utf8("own before"), false, 1);
            other.publish(topic, utf8("other's before"), false, 1, PublishProperties.NONE);
            awaitOnThisThread(robust, inbox, "other's before");
            assertEquals(List.of("other's before"), inbox.payloads(), "No Local on the first subscribe");
            assertArrayEquals(new int[] {7}, inbox.all().get(0).properties().subscriptionIdentifiers());

            proxy.cutAll();
            observed.await("session ended", WAIT);
            // The next call finds the link dead, reconnects to no session and renews the subscription.
            robust.publish(topic, utf8("own after"), false, 1);
            assertFalse(delegate.connack().sessionPresent(), "the session expired: " + delegate.connack());
            other.publish(topic, utf8("other's after"), false, 1, PublishProperties.NONE);
            awaitOnThisThread(robust, inbox, "other's after");
            assertEquals(List.of("other's before", "other's after"), inbox.payloads(), "No Local after the renewal");
            assertArrayEquals(new int[] {7}, inbox.all().get(1).properties().subscriptionIdentifiers(),
                    "the identifier after the renewal");
            observed.close();
        }
    }

    private static void awaitOnThisThread(RobustClient robust, Inbox inbox, String payload) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!inbox.payloads().contains(payload)) {
            assertTrue(System.nanoTime() < end, "'" + payload + "' did not arrive; got " + inbox.payloads());
            robust.ping();
            robust.waitMsg(); // the PINGRESP at the latest
        }
    }
}

package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.Message;
import umqtt.api.MqttException;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;

/** Sessions, wills, credentials, callbacks that publish, and long runs, against real brokers. */
class BrokerSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void aPersistentSessionKeepsSubscriptionsAndQueuesMessages(Broker broker) throws Exception {
        String topic = TestClients.unique("persist");
        String id = TestClients.unique("persistent");
        Inbox inbox = new Inbox();
        try (SimpleClient sub = SimpleClient.builder().server(broker.uri(Broker.Listener.TCP).toString()).clientId(id)
                .build(); SimpleClient pub = TestClients.tcp(broker, "pub").build()) {
            sub.setCallback(inbox);
            sub.connect(true); // start from nothing
            sub.disconnect();
            assertFalse(sub.connect(false), "no session yet");
            sub.subscribe(topic, 1);
            sub.disconnect();
            pub.connect();
            for (int i = 0; i < 5; i++) {
                pub.publish(topic, ("queued " + i).getBytes(), false, 1);
            }
            assertTrue(sub.connect(false), "the broker kept the session");
            List<Message> got = inbox.await(sub, 5, WAIT);
            for (int i = 0; i < 5; i++) {
                assertEquals("queued " + i, new String(got.get(i).payload()));
            }
            sub.disconnect();
            assertFalse(sub.connect(true), "a clean session discards it");
            sub.disconnect();
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void theWillIsPublishedWhenTheLinkDropsWithoutDisconnect(Broker broker) throws Exception {
        String willTopic = TestClients.unique("will");
        Inbox inbox = new Inbox();
        try (SimpleClient watcher = TestClients.tcp(broker, "watcher").build()) {
            watcher.setCallback(inbox);
            watcher.connect();
            watcher.subscribe(willTopic, 1);
            SimpleClient device = TestClients.tcp(broker, "device").build();
            device.setLastWill(willTopic.getBytes(), "offline".getBytes(), false, 1);
            device.connect();
            device.close(); // abrupt: no DISCONNECT
            Message will = inbox.await(watcher, 1, WAIT).get(0);
            assertEquals("offline", new String(will.payload()));
            assertEquals(1, will.qos());
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#withAuth")
    void credentialsAreSentAndWrongOnesRefused(Broker broker) throws Exception {
        String server = broker.uri(Broker.Listener.AUTH).toString();
        try (SimpleClient good = SimpleClient.builder().server(server).clientId(TestClients.unique("auth"))
                .user(Broker.USER).password(Broker.PASSWORD).build()) {
            assertFalse(good.connect());
            good.publish("auth/ok", "x".getBytes(), false, 1);
            good.disconnect();
        }
        try (SimpleClient bad = SimpleClient.builder().server(server).clientId(TestClients.unique("auth"))
                .user(Broker.USER).password("not-" + Broker.PASSWORD).build()) {
            MqttException e = assertThrows(MqttException.class, bad::connect);
            assertTrue(e.code() == MqttException.BAD_USER_NAME_OR_PASSWORD || e.code() == MqttException.NOT_AUTHORIZED,
                    e.getMessage());
            assertTrue(e.getMessage().startsWith("connection refused: "), e.getMessage());
            assertFalse(e.getMessage().contains(Broker.PASSWORD), "no secret in the message");
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void aCallbackThatPublishesWithQos1ServesThousandsOfMessagesWithoutRecursion(Broker broker) throws Exception {
        String in = TestClients.unique("echo-in");
        String out = TestClients.unique("echo-out");
        int n = 3_000;
        Inbox echoes = new Inbox();
        int[] depth = {0, 0}; // current, deepest
        try (SimpleClient echo = TestClients.tcp(broker, "echo").clientId(TestClients.unique("echo")).build();
             SimpleClient driver = TestClients.tcp(broker, "driver").build()) {
            echo.setCallback(m -> {
                depth[1] = Math.max(depth[1], ++depth[0]);
                try {
                    // While this waits for its PUBACK, the broker keeps sending requests: they must
                    // wait for this callback to return instead of nesting inside it.
                    echo.publish(out.getBytes(), m.payload(), false, 1);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    depth[0]--;
                }
            });
            echo.connect();
            echo.subscribe(in, 1);
            driver.setCallback(echoes);
            driver.connect();
            driver.subscribe(out, 1);
            // Bursts the echo service has to catch up with, each below the brokers' per-client queue
            // limit (1000 by default in both), past which a broker drops messages by design.
            int burst = 500;
            for (int sent = 0; sent < n; sent += burst) {
                for (int i = sent; i < sent + burst; i++) {
                    driver.publish(in, Integer.toString(i).getBytes(), false, 1);
                }
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (echoes.size() < sent + burst && System.nanoTime() - deadline < 0) {
                    echo.checkMsg();
                    driver.checkMsg();
                }
            }
            Set<String> distinct = new HashSet<>();
            for (Message m : echoes.messages()) {
                distinct.add(new String(m.payload()));
            }
            assertEquals(n, distinct.size(), "every message echoed");
            assertEquals(1, depth[1], "the callback never ran inside itself");
        }
    }

    @ParameterizedTest
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void seventyThousandSequentialQos1PublishesAreAllAcknowledged(Broker broker) throws Exception {
        // More than 65,535: the packet id wraps (umqtt sent id 0 here and hung).
        byte[] topic = TestClients.unique("seq").getBytes();
        byte[] payload = new byte[8];
        try (SimpleClient c = TestClients.tcp(broker, "seq").build()) {
            c.connect();
            for (int i = 0; i < 70_000; i++) {
                c.publish(topic, payload, false, 1);
            }
            c.disconnect();
        }
    }
}

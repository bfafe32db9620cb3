package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.mqtt5.Mqtt5Brokers.WAIT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Callback;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.Requester;
import umqtt.mqtt5.Subscription;
import umqtt.tests.brokers.Broker;

/**
 * Request/response (MQTT 5.0, 4.10) with {@link Requester}: a requester and a responder on two
 * clients of one broker.
 */
class RequesterTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A responder that answers every request on {@code topic} with "re: " and the request. */
    private static Inbox responder(Broker broker, String topic) throws Exception {
        Mqtt5Client client = Mqtt5Brokers.client(broker, "responder").build();
        Inbox inbox = new Inbox();
        Mqtt5Callback answer = Requester.responder(client, 1, m -> utf8("re: " + new String(m.payload(), StandardCharsets.UTF_8)));
        client.setCallback((message, properties) -> {
            inbox.onMessage(message, properties);
            answer.onMessage(message, properties);
        });
        client.connect();
        client.subscribe(Subscription.of(topic, 1));
        return inbox.pump(client);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aRequestGetsItsResponse(Broker broker) throws Exception {
        String service = Mqtt5Brokers.topic("svc");
        Inbox others = new Inbox();
        try (Inbox responder = responder(broker, service);
                Mqtt5Client client = Mqtt5Brokers.client(broker, "requester").build()) {
            Requester requester = Requester.create(client, Mqtt5Brokers.topic("replies"), others);
            client.connect();
            Requester.Response response = requester.request(service, utf8("time?"), 1, WAIT);
            assertEquals("re: time?", new String(response.payload(), StandardCharsets.UTF_8));
            assertEquals(requester.responseTopic(), new String(response.message().topic(), StandardCharsets.UTF_8));
            // The request carried the response topic and a correlation data; the response the same data.
            Inbox.Received request = responder.await("time?", WAIT);
            assertEquals(requester.responseTopic(), request.properties().responseTopic());
            assertArrayEquals(request.properties().correlationData(), response.properties().correlationData());
            assertEquals(16, response.properties().correlationData().length);
            others.assertCount(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void twoRequestsInOrderGetTheirOwnResponses(Broker broker) throws Exception {
        String service = Mqtt5Brokers.topic("svc");
        Inbox others = new Inbox();
        try (Inbox responder = responder(broker, service);
                Mqtt5Client client = Mqtt5Brokers.client(broker, "requester").build()) {
            Requester requester = Requester.create(client, Mqtt5Brokers.topic("replies"), others);
            client.connect();
            Requester.Response first = requester.request(service, utf8("one"), 1, WAIT);
            Requester.Response second = requester.request(service, utf8("two"), 0, WAIT);
            assertEquals("re: one", new String(first.payload(), StandardCharsets.UTF_8));
            assertEquals("re: two", new String(second.payload(), StandardCharsets.UTF_8));
            assertTrue(!java.util.Arrays.equals(first.properties().correlationData(),
                    second.properties().correlationData()), "each request has its own correlation data");
            others.assertCount(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void noResponderTimesOutNamingTheTopicAndTheTimeout(Broker broker) throws Exception {
        String service = Mqtt5Brokers.topic("nobody");
        Inbox others = new Inbox();
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "requester").build()) {
            Requester requester = Requester.create(client, Mqtt5Brokers.topic("replies"), others);
            client.connect();
            long start = System.nanoTime();
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> requester.request(service, utf8("anyone?"), 1, Duration.ofMillis(300)));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis >= 300 && tookMillis < 5000, "waited " + tookMillis + " ms for a 300 ms timeout");
            assertTrue(e.getMessage().contains(service) && e.getMessage().contains("300 ms"), e.getMessage());
            // The client is still usable: the link was never the problem.
            client.ping();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void unrelatedMessagesStillReachTheOtherCallbackWhileARequestWaits(Broker broker) throws Exception {
        String service = Mqtt5Brokers.topic("svc");
        String news = Mqtt5Brokers.topic("news");
        Inbox others = new Inbox();
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "requester").build();
                Mqtt5Client peer = Mqtt5Brokers.client(broker, "peer").build()) {
            Requester requester = Requester.create(client, Mqtt5Brokers.topic("replies"), others);
            client.connect();
            client.subscribe(Subscription.of(news, 1));
            peer.connect();
            // The "responder" first publishes news the requester subscribed, then answers.
            peer.setCallback((m, p) -> {
                try {
                    peer.publish(news, utf8("breaking"), false, 1, PublishProperties.NONE);
                    Requester.respond(peer, p, utf8("pong"), 1);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            peer.subscribe(Subscription.of(service, 1));
            try (Inbox pumping = new Inbox().pump(peer)) {
                Requester.Response response = requester.request(service, utf8("ping"), 1, WAIT);
                assertEquals("pong", new String(response.payload(), StandardCharsets.UTF_8));
                others.await("breaking", Duration.ZERO); // arrived before the response: already there
                assertEquals(1, others.all().size(), "only the news went to the other callback: " + others.all());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aLateResponseGoesToTheOtherCallbackNotToTheNextRequest(Broker broker) throws Exception {
        String service = Mqtt5Brokers.topic("svc");
        Inbox others = new Inbox();
        Inbox requests = new Inbox();
        try (Mqtt5Client client = Mqtt5Brokers.client(broker, "requester").build();
                Mqtt5Client peer = Mqtt5Brokers.client(broker, "slow").build()) {
            Requester requester = Requester.create(client, Mqtt5Brokers.topic("replies"), others);
            client.connect();
            peer.setCallback(requests);
            peer.connect();
            peer.subscribe(Subscription.of(service, 1));
            assertThrows(TimeoutException.class, () -> requester.request(service, utf8("first"), 1, Duration.ofMillis(200)));
            while (requests.all().isEmpty()) {
                peer.waitMsg(WAIT);
            }
            // The peer answers the first request only now, then answers the second at once.
            Requester.respond(peer, requests.all().get(0).properties(), utf8("late"), 1);
            peer.setCallback((m, p) -> {
                try {
                    Requester.respond(peer, p, utf8("re: " + new String(m.payload(), StandardCharsets.UTF_8)), 1);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (Inbox pumping = new Inbox().pump(peer)) {
                Requester.Response second = requester.request(service, utf8("second"), 1, WAIT);
                assertEquals("re: second", new String(second.payload(), StandardCharsets.UTF_8));
                assertEquals("late", others.await("late", Duration.ZERO).payload(), "the late response is passed on");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aResponderGivenAMessageWithoutResponseTopicFailsItsWaitClearly(Broker broker) throws Exception {
        String service = Mqtt5Brokers.topic("svc");
        try (Mqtt5Client responder = Mqtt5Brokers.client(broker, "responder").build();
                Mqtt5Client other = Mqtt5Brokers.client(broker, "other").build()) {
            responder.setCallback(Requester.responder(responder, 1, m -> m.payload()));
            responder.connect();
            responder.subscribe(Subscription.of(service, 1));
            other.connect();
            other.publish(service, utf8("not a request"), false, 1, PublishProperties.NONE);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                while (true) {
                    responder.waitMsg(WAIT);
                }
            });
            assertTrue(e.getMessage().contains("no Response Topic"), e.getMessage());
        }
    }

    @Test
    void answeringARequestWithoutResponseTopicSaysSo() {
        Mqtt5Client client = Mqtt5Client.builder().server("mqtt://127.0.0.1:1").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Requester.respond(client, PublishProperties.builder().correlationData(new byte[] {1}).build(),
                        utf8("answer"), 1));
        assertTrue(e.getMessage().contains("no Response Topic"), e.getMessage());
    }

    @Test
    void aWildcardResponseTopicIsRefusedAtOnce() {
        Mqtt5Client client = Mqtt5Client.builder().server("mqtt://127.0.0.1:1").build();
        assertThrows(IllegalArgumentException.class, () -> Requester.create(client, "replies/#", (m, p) -> { }));
    }
}

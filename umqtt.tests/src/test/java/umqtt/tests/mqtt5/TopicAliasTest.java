package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.mqtt5.Mqtt5Brokers.WAIT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.Subscription;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.robust.FaultProxy;

/**
 * Outbound topic aliases (MQTT 5.0, 3.3.2.3.4) within the server's Topic Alias Maximum: more topics
 * than aliases, published over and over, arrive with the right topic, and the broker (which closes
 * the link with 0x94 on a wrong alias) stays content; a proxy counting the bytes shows the aliases
 * really shorten the messages. Mosquitto is configured with
 * {@code max_topic_alias}; HiveMQ CE announces its default of 5. Neither broker sends aliases to
 * clients, so the inbound side needs a scripted server.
 */
class TopicAliasTest {

    private static final int TOPICS = 8;
    private static final int ROUNDS = 5;

    @ParameterizedTest(name = "max_topic_alias {0}")
    @ValueSource(ints = {0, 2, 10})
    void mosquittoGetsEveryTopicRight(int aliases) throws Exception {
        try (ConfiguredMosquitto broker = ConfiguredMosquitto.start("max_topic_alias " + aliases)) {
            publishOverAndOver(broker.uri(), aliases);
        }
    }

    @Test
    void hivemqGetsEveryTopicRight() throws Exception {
        publishOverAndOver(Brokers.hivemq().uri(Listener.TCP), 5);
    }

    private static void publishOverAndOver(URI server, int aliases) throws Exception {
        String base = Mqtt5Brokers.topic("alias") + "/a-rather-long-topic-name-worth-an-alias";
        Inbox inbox = new Inbox();
        try (Mqtt5Client subscriber = Mqtt5Brokers.client(server, "sub").build();
                Mqtt5Client publisher = Mqtt5Brokers.client(server, "pub").build()) {
            subscriber.setCallback(inbox);
            subscriber.connect();
            subscriber.subscribe(Subscription.of(base + "/#", 1));
            inbox.pump(subscriber);
            publisher.connect();
            assertEquals(aliases, publisher.connack().topicAliasMaximum(), publisher.connack().toString());
            List<String> expected = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (int t = 0; t < TOPICS; t++) {
                    String topic = base + "/" + t;
                    int qos = (round + t) % 3;
                    publisher.publish(topic, (topic + " #" + round).getBytes(StandardCharsets.UTF_8), false, qos,
                            PublishProperties.NONE);
                    expected.add(topic + " #" + round);
                }
            }
            List<String> got = new ArrayList<>();
            for (Inbox.Received r : inbox.await(TOPICS * ROUNDS, WAIT)) {
                got.add(r.topic() + " #" + r.payload().substring(r.payload().lastIndexOf('#') + 1));
            }
            got.sort(null);
            expected.sort(null);
            assertEquals(expected, got, "each payload under the topic it was published on");
            inbox.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.mqtt5.Mqtt5Brokers#all")
    void aliasesReallyShortenTheMessagesOnTheWire(Broker broker) throws Exception {
        // The same 100 messages on one long topic, with and without outbound aliases, through a
        // proxy that counts the bytes: with aliases only the first carries the topic.
        String topic = Mqtt5Brokers.topic("alias/wire") + "/" + "x".repeat(200);
        long with = bytesFor(broker, topic, true);
        long without = bytesFor(broker, topic, false);
        assertTrue(without - with > 90 * 200, "aliases saved only " + (without - with) + " bytes: " + with
                + " with, " + without + " without");
    }

    private static long bytesFor(Broker broker, String topic, boolean aliases) throws Exception {
        Inbox inbox = new Inbox();
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.TCP));
                Mqtt5Client subscriber = Mqtt5Brokers.client(broker, "sub").build();
                Mqtt5Client publisher = Mqtt5Brokers.client(proxy.uri(), "pub").outboundTopicAliases(aliases).build()) {
            subscriber.setCallback(inbox);
            subscriber.connect();
            subscriber.subscribe(Subscription.of(topic, 1));
            inbox.pump(subscriber);
            publisher.connect();
            long before = proxy.bytesToBroker();
            for (int i = 0; i < 100; i++) {
                publisher.publish(topic, ("m" + i).getBytes(StandardCharsets.UTF_8), false, 1, PublishProperties.NONE);
            }
            for (Inbox.Received r : inbox.await(100, WAIT)) {
                assertEquals(topic, r.topic(), "the broker resolved the alias");
            }
            long sent = proxy.bytesToBroker() - before;
            inbox.close();
            return sent;
        }
    }
}

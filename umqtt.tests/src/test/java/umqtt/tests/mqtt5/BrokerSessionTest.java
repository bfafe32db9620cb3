package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Subscription;
import umqtt.tests.brokers.Broker;

/** Sessions on real brokers: kept while offline with connect(false), gone after the Session Expiry Interval. */
class BrokerSessionTest {

    static java.util.stream.Stream<Broker> brokers() {
        return Mqtt5Clients.brokers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aPersistentSessionReceivesWhatWasPublishedWhileOffline(Broker broker) throws Exception {
        String topic = Mqtt5Clients.unique("m5/offline");
        String id = Mqtt5Clients.unique("persistent");
        Mqtt5Clients.Received in = new Mqtt5Clients.Received();
        try (Mqtt5Client sub = Mqtt5Clients.tcp(broker, "x").clientId(id).build();
                Mqtt5Client pub = Mqtt5Clients.tcp(broker, "pub").build()) {
            sub.setCallback(in::add);
            sub.connect(true);
            sub.disconnect(); // connect(true): expiry 0, the session ends here
            assertFalse(sub.connect(false), "nothing kept from a clean connect");
            sub.subscribe(Subscription.of(topic, 1));
            sub.disconnect();
            pub.connect();
            pub.publish(topic.getBytes(StandardCharsets.UTF_8), "while away".getBytes(StandardCharsets.UTF_8), false, 1);
            assertTrue(sub.connect(false), "connect(false) keeps the session: it never expires");
            in.await(sub, 1);
            assertEquals("while away", new String(in.messages.get(0).payload(), StandardCharsets.UTF_8));
            sub.disconnect(0, 0, null, List.of()); // and now it ends
            assertFalse(sub.connect(false));
            sub.disconnect();
        }
    }
}

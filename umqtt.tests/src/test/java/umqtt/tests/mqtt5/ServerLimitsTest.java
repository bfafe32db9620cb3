package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.mqtt5.Mqtt5Brokers.WAIT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.ReasonCode;
import umqtt.mqtt5.Subscription;

/**
 * Limits a server announces in CONNACK (MQTT 5.0, 3.2.2.3): Maximum QoS, Retain Available,
 * Maximum Packet Size, Server Keep Alive. The client honours each before it sends: a PUBLISH the server would refuse
 * by closing the link (MQTT-3.2.2-11, 3.2.2-14, 3.2.2-15) is refused at once with a clear error, and
 * the link stays up. Mosquitto is configured with each limit ({@code max_qos}, {@code
 * retain_available}, {@code max_packet_size}); HiveMQ CE's are fixed in the shared broker's
 * configuration (its defaults: QoS 2, retain available, 256 MiB packets), so only Mosquitto runs here.
 */
class ServerLimitsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPublishAboveTheMaximumQosIsRefusedBeforeItIsSent() throws Exception {
        try (ConfiguredMosquitto broker = ConfiguredMosquitto.start("max_qos 1");
                Mqtt5Client client = Mqtt5Brokers.client(broker.uri(), "maxqos").build()) {
            client.setCallback((m, p) -> { });
            client.connect();
            assertEquals(1, client.connack().maximumQos(), client.connack().toString());
            assertRefusedLocally(client, () -> client.publish("limits/qos", utf8("q2"), false, 2, PublishProperties.NONE),
                    "QoS");
            assertRefusedLocally(client, () -> client.publish("limits/qos", utf8("q2"), false, 2), "QoS");
            assertEquals(1, client.subscribe(Subscription.of("limits/qos", 2)), "the broker grants at most QoS 1");
        }
    }

    @Test
    void aRetainedPublishIsRefusedWhenTheServerHasNoRetain() throws Exception {
        try (ConfiguredMosquitto broker = ConfiguredMosquitto.start("retain_available false");
                Mqtt5Client client = Mqtt5Brokers.client(broker.uri(), "noretain").build()) {
            client.connect();
            assertFalse(client.connack().retainAvailable(), client.connack().toString());
            assertRefusedLocally(client, () -> client.publish("limits/retain", utf8("r"), true, 1, PublishProperties.NONE),
                    "retain");
            assertRefusedLocally(client, () -> client.publish("limits/retain", utf8("r"), true, 0), "retain");
        }
    }

    @Test
    void aPacketAboveTheServersMaximumIsRefusedWithItsSize() throws Exception {
        try (ConfiguredMosquitto broker = ConfiguredMosquitto.start("max_packet_size 1000");
                Mqtt5Client client = Mqtt5Brokers.client(broker.uri(), "maxpacket").build()) {
            Inbox inbox = new Inbox();
            client.setCallback(inbox);
            client.connect();
            assertEquals(1000, client.connack().maximumPacketSize(), client.connack().toString());
            client.subscribe(Subscription.of("limits/size", 1));
            byte[] big = new byte[2000];
            assertRefusedLocally(client, () -> client.publish("limits/size", big, false, 1, PublishProperties.NONE),
                    "1000");
            assertRefusedLocally(client, () -> client.send(utf8("limits/size"), big, false, 0), "1000");
            byte[] fits = new byte[900];
            Arrays.fill(fits, (byte) 'x');
            client.publish("limits/size", fits, false, 1, PublishProperties.NONE);
            inbox.pump(client);
            assertEquals(900, inbox.await(1, WAIT).get(0).message().payload().length);
            inbox.close();
        }
    }

    @Test
    void theServersKeepAliveIsTheOneThatCounts() throws Exception {
        // Mosquitto caps the keepalive at max_keepalive (10 s at the least) and says so in Server Keep
        // Alive; it closes a link silent for 1.5 times that. The client asked for 60 s: it must ping.
        try (ConfiguredMosquitto broker = ConfiguredMosquitto.start("max_keepalive 10");
                Mqtt5Client client = Mqtt5Brokers.client(broker.uri(), "keepalive").keepAlive(Duration.ofSeconds(60))
                        .build()) {
            client.connect();
            assertEquals(10, client.connack().serverKeepAlive(), client.connack().toString());
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end) { // idle past the 15 s (and the check a second or two later) the broker allows
                client.waitMsg(Duration.ofMillis(500));
            }
            int code = client.publish("limits/keepalive", utf8("still up"), false, 1, PublishProperties.NONE);
            assertFalse(ReasonCode.isFailure(code), ReasonCode.name(code));
        }
    }

    /**
     * Asserts the call fails at once with a message naming {@code word} (any case) and no network
     * error, and that the link is still up (a QoS 1 publish goes through).
     */
    static void assertRefusedLocally(Mqtt5Client client, Executable call, String word) throws IOException {
        Throwable refusal = null;
        try {
            call.execute();
        } catch (Throwable t) {
            refusal = t;
        }
        if (refusal == null) {
            throw new AssertionError("the call went through; the client must refuse it (the server closes the link)");
        }
        if (refusal instanceof IOException && !(refusal instanceof Mqtt5Exception)) {
            throw new AssertionError("a network error instead of a refusal: the client sent what the server refuses",
                    refusal);
        }
        assertTrue(refusal.getMessage() != null
                && refusal.getMessage().toLowerCase().contains(word.toLowerCase()),
                "the refusal must name " + word + ": " + refusal);
        int code = client.publish("limits/alive", utf8("still up"), false, 1, PublishProperties.NONE);
        assertFalse(ReasonCode.isFailure(code), "the link is up after the refusal: " + ReasonCode.name(code));
    }
}

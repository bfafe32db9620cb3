package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.core.Scripted.async;
import static umqtt.tests.core.Scripted.result;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.RawPacket;
import umqtt.tests.brokers.ScriptedServer;

/** A message's exchange broken by the server, or by a reconnect in the middle of its delivery. */
class ExchangeFaultsTest {

    /**
     * RabbitMQ 3.10 answers a QoS 2 PUBLISH with PUBACK. That is a protocol error, and the message
     * must not stay in the session: a reconnect would publish it again, and a subscriber of an
     * "exactly once" message would get it twice or more.
     */
    @Test
    void aQos2PublishAnsweredWithPubackFailsAndIsNotPublishedAgain() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection first = Scripted.connect(server, client);
            CompletableFuture<Void> publish = async(() -> {
                client.publish("once", "x".getBytes(), false, 2);
                return null;
            });
            RawPacket sent = first.read(Scripted.WAIT);
            first.sendHex("40 02 " + Scripted.id(Scripted.publishId(sent))); // PUBACK instead of PUBREC
            MqttException e = assertThrows(MqttException.class, () -> result(publish));
            assertEquals(MqttException.PROTOCOL_ERROR, e.code());
            assertTrue(e.getMessage().contains("answered the QoS 2 message with packet id "
                    + Scripted.publishId(sent) + " with PUBACK"), e.getMessage());

            CompletableFuture<Boolean> reconnect = async(() -> client.connect(false));
            ScriptedServer.Connection second = Scripted.accept(server, "20 02 01 00"); // session present
            assertTrue(result(reconnect));
            client.publish("marker", new byte[0]);
            RawPacket next = second.read(Scripted.WAIT);
            assertEquals(0x30, next.header(), "the marker comes first, no re-send: " + next);
        }
    }

    /**
     * A QoS 2 message whose callback reconnects (as RobustClient does when the callback's own
     * publish fails) is re-sent by the server on the new link while the callback still runs. Its
     * id was recorded before the callback ran, so the re-send is recognised and it is delivered
     * once; the PUBREC goes out on the new link when the callback returns.
     */
    @Test
    void aQos2MessageWhoseCallbackReconnectsIsDeliveredOnce() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            AtomicInteger deliveries = new AtomicInteger();
            client.setCallback(m -> {
                deliveries.incrementAndGet();
                try {
                    client.publish("from/callback", "p".getBytes(), false, 1);
                } catch (IOException cut) {
                    try {
                        client.connect(false);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            ScriptedServer.Connection first = Scripted.connect(server, client);
            CompletableFuture<Void> wait = async(() -> {
                client.waitMsg();
                return null;
            });
            first.sendHex("34 06 00 01 71 00 07 6D"); // PUBLISH QoS 2 id 7 to 'q', payload 'm'
            RawPacket fromCallback = first.read(Scripted.WAIT);
            assertEquals(0x32, fromCallback.header(), "the callback's QoS 1 publish: " + fromCallback);
            first.close(); // the link dies before the PUBACK: the callback reconnects

            ScriptedServer.Connection second = Scripted.accept(server, "20 02 01 00"); // session present
            second.sendHex("3C 06 00 01 71 00 07 6D"); // the server re-sends id 7 with DUP
            RawPacket resent = second.read(Scripted.WAIT);
            assertEquals(0x3A, resent.header(), "the callback's publish again, DUP: " + resent);
            second.sendHex("40 02 " + Scripted.id(Scripted.publishId(resent))); // PUBACK
            result(wait);
            assertEquals(new RawPacket(0x50, new byte[] {0, 7}), second.read(Scripted.WAIT), "PUBREC 7");

            CompletableFuture<Void> release = async(() -> {
                client.waitMsg();
                return null;
            });
            second.sendHex("62 02 00 07"); // PUBREL 7
            result(release);
            assertEquals(new RawPacket(0x70, new byte[] {0, 7}), second.read(Scripted.WAIT), "PUBCOMP 7");
            assertEquals(1, deliveries.get(), "delivered exactly once");
        }
    }

    /** checkMsg polls: half a packet in the socket is kept for later, not waited for. */
    @Test
    void checkMsgReturnsAtOnceWhenOnlyPartOfAPacketHasArrived() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).responseTimeout(java.time.Duration.ofSeconds(30)).build()) {
            java.util.List<String> got = new java.util.ArrayList<>();
            client.setCallback(m -> got.add(m.topicString()));
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            conn.sendHex("30 05 00 01 71"); // the first half of a PUBLISH to 'q'
            long start = System.nanoTime();
            while (System.nanoTime() - start < 200_000_000L) {
                assertEquals(false, client.checkMsg());
            }
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "checkMsg did not wait for the rest");
            conn.sendHex("61 62"); // the rest: payload 'ab'
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!client.checkMsg()) {
                assertTrue(System.nanoTime() < deadline, "the rest of the packet was read");
            }
            assertEquals(java.util.List.of("q"), got);
        }
    }

    /**
     * A QoS 1/2 message over the client's size limit is refused, but read past and acknowledged:
     * left unacknowledged in a persistent session it would come back with every reconnect, and
     * the client could never get past it.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "QoS {0}")
    @org.junit.jupiter.params.provider.CsvSource({"1, 64", "2, 80"})
    void aMessageOverTheSizeLimitIsSkippedAndAcknowledgedSoItDoesNotComeBack(int qos, int ackHeader)
            throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).maxPacketSize(64).build()) {
            client.setCallback(m -> { });
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            CompletableFuture<Void> wait = async(() -> {
                client.waitMsg();
                return null;
            });
            // PUBLISH to 'q', packet id 9, 1000 bytes of payload: remaining length 1005 (ED 07)
            conn.sendHex(String.format("%02X ED 07 00 01 71 00 09", 0x30 | qos << 1));
            conn.send(new byte[400]);
            conn.send(new byte[600]);
            MqttException e = assertThrows(MqttException.class, () -> result(wait));
            assertEquals(MqttException.PACKET_TOO_LARGE, e.code());
            assertTrue(e.getMessage().contains("(packet id 9) of 1008 bytes, over the client's limit of 64"),
                    e.getMessage());
            assertEquals(new RawPacket(ackHeader, new byte[] {0, 9}), conn.read(Scripted.WAIT), "acknowledged");
            assertTrue(conn.isClosedByPeer(Scripted.WAIT));
        }
    }

    /**
     * A QoS 2 message that arrives while the callback waits for its own publish is held until the
     * callback returns; the server's re-send of it meanwhile must not be acknowledged yet: a PUBREC
     * then a dropped link would lose it (found by the model-based test).
     */
    @Test
    void aResendOfAMessageStillWaitingForTheCallbackIsNotAcknowledgedEarly() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            java.util.List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
            client.setCallback(m -> {
                got.add(new String(m.payload()));
                if (got.size() == 1) {
                    try {
                        client.publish("out", "p".getBytes(), false, 1);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            CompletableFuture<Void> first = async(() -> {
                client.waitMsg();
                return null;
            });
            conn.sendHex("34 06 00 01 71 00 01 61"); // PUBLISH QoS 2 id 1 'a'
            RawPacket out = conn.read(Scripted.WAIT);
            assertEquals(0x32, out.header(), "the callback's publish: " + out);
            conn.sendHex("34 06 00 01 71 00 02 62"); // PUBLISH QoS 2 id 2 'b', held for later
            conn.sendHex("3C 06 00 01 71 00 02 62"); // its re-send, DUP
            conn.sendHex("40 02 " + Scripted.id(Scripted.publishId(out))); // PUBACK
            result(first);
            assertEquals(new RawPacket(0x50, new byte[] {0, 1}), conn.read(Scripted.WAIT), "PUBREC 1, not 2");
            CompletableFuture<Void> second = async(() -> {
                client.waitMsg();
                return null;
            });
            result(second);
            assertEquals(new RawPacket(0x50, new byte[] {0, 2}), conn.read(Scripted.WAIT), "PUBREC 2 once delivered");
            assertEquals(java.util.List.of("a", "b"), got);
        }
    }

    /**
     * A callback that throws has not taken the message: it is not acknowledged, and the server's
     * re-send is delivered again, for QoS 2 as for QoS 1.
     */
    @Test
    void aQos2MessageWhoseCallbackThrewIsDeliveredAgainWhenResent() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            client.setCallback(m -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("not now");
                }
            });
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            CompletableFuture<Void> first = async(() -> {
                client.waitMsg();
                return null;
            });
            conn.sendHex("34 06 00 01 71 00 05 6D"); // PUBLISH QoS 2 id 5
            assertThrows(IllegalStateException.class, () -> result(first));
            CompletableFuture<Void> second = async(() -> {
                client.waitMsg();
                return null;
            });
            conn.sendHex("3C 06 00 01 71 00 05 6D"); // the re-send, DUP
            result(second);
            assertEquals(new RawPacket(0x50, new byte[] {0, 5}), conn.read(Scripted.WAIT), "PUBREC 5 after delivery");
            assertEquals(2, calls.get(), "delivered again");
        }
    }
}

package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.virtual.WirePacket.PUBACK;
import static umqtt.tests.virtual.WirePacket.PUBLISH;
import static umqtt.tests.virtual.WirePacket.PUBREC;
import static umqtt.tests.virtual.WirePacket.PUBREL;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.simple.SimpleClient;
import umqtt.tests.virtual.ScriptedBroker;
import umqtt.tests.virtual.Traffic;
import umqtt.tests.virtual.VirtualClock;
import umqtt.tests.virtual.VirtualLink;
import umqtt.tests.virtual.WirePacket;

/**
 * What {@code send} promises about tickets, the acknowledgement listener and the session, on the
 * virtual link: tickets count every send that passed its checks, the listener hears each QoS 1/2
 * ticket exactly once (never a QoS 0 one, never a blocking publish), a broken exchange reaches both
 * the listener and the caller, a clean session discards with an {@link IOException} per ticket, and
 * connect(false) re-sends the whole window in order from the sender's own copies.
 */
class SendSessionTest {

    private static final byte[] ONE = {1};

    private final VirtualClock clock = new VirtualClock();
    private final ScriptedBroker broker = new ScriptedBroker();
    private final VirtualLink link = new VirtualLink(clock, broker);
    /** Every report, in order: ticket and failure (null when acknowledged). */
    private final List<Map.Entry<Long, Exception>> reports = new ArrayList<>();

    private SimpleClient client(int window) {
        SimpleClient c = link.client().keepAlive(Duration.ZERO).responseTimeout(Duration.ofSeconds(10))
                .maxInFlight(window).build();
        c.setCallback(m -> { });
        c.setAckListener((ticket, failure) -> reports.add(new java.util.AbstractMap.SimpleEntry<>(ticket, failure)));
        return c;
    }

    private List<Long> reported() {
        return reports.stream().map(Map.Entry::getKey).toList();
    }

    private Map<Long, Integer> reportCounts() {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        reports.forEach(r -> counts.merge(r.getKey(), 1, Integer::sum));
        return counts;
    }

    /** The client notices the cut link: its next read fails. */
    private void cutAndNotice(SimpleClient c) {
        link.current().cut();
        assertThrows(IOException.class, c::checkMsg);
    }

    @Test
    void ticketsAreConsecutiveAcrossQosLevelsAndAcrossASendThatThrew() throws IOException {
        broker.silence(PUBLISH);
        try (SimpleClient c = client(2)) {
            assertThrows(IllegalStateException.class, () -> c.send("t", ONE, false, 1), "not connected: no ticket");
            c.connect();
            assertEquals(1, c.send("t", ONE, false, 0));
            assertEquals(2, c.send("t", ONE, false, 1));
            assertThrows(IllegalArgumentException.class, () -> c.send("t", ONE, false, 3), "bad QoS: no ticket");
            assertThrows(IllegalArgumentException.class, () -> c.send("a/+", ONE, false, 1), "wildcard: no ticket");
            assertThrows(SocketTimeoutException.class, () -> c.send("t", ONE, false, 2), "ticket 3, then no ack");
            broker.delay(PUBLISH, 5).sessionPresent(true);
            c.connect(false);
            assertEquals(4, c.send("t", ONE, false, 0), "the send that threw took ticket 3");
            assertEquals(5, c.send("t".getBytes(StandardCharsets.UTF_8), ONE, false, 2));
            assertEquals(6, c.send("t", ONE, false, 1));
            assertTrue(c.flush(Duration.ofSeconds(1)));
            assertEquals(List.of(2L, 3L, 6L, 5L), reported(), "each QoS 1/2 ticket once (QoS 2 takes two round "
                    + "trips); QoS 0 never");
            reports.forEach(r -> assertNull(r.getValue(), "acknowledged"));
        }
    }

    @Test
    void theListenerHearsEveryQos1And2TicketExactlyOnceAndNeverABlockingPublish() throws IOException {
        broker.delay(PUBLISH, 3).delay(PUBREL, 2);
        List<Long> qos12 = new ArrayList<>();
        try (SimpleClient c = client(7)) {
            c.connect();
            for (int i = 0; i < 300; i++) {
                int qos = i % 3;
                long ticket = c.send("t", ONE, false, qos);
                if (qos > 0) {
                    qos12.add(ticket);
                }
                if (i % 50 == 0) {
                    c.publish("t", ONE, false, 1 + i % 2);
                }
                if (i % 37 == 0) {
                    c.checkMsg();
                }
            }
            assertTrue(c.flush(Duration.ofSeconds(5)));
            Map<Long, Integer> counts = reportCounts();
            assertEquals(qos12, counts.keySet().stream().sorted().toList(), "the QoS 1/2 tickets, no other");
            counts.forEach((ticket, n) -> assertEquals(1, n, "ticket " + ticket + " reported once"));
            assertEquals(0, c.inFlight());
        }
    }

    @Test
    void aListenerSetLaterHearsOnlyWhatEndsAfterwardsAndNeverFails() throws IOException {
        try (SimpleClient c = link.client().keepAlive(Duration.ZERO).build()) {
            c.connect();
            c.send("t", ONE, false, 1); // no listener yet: acknowledged quietly
            assertTrue(c.flush(Duration.ofSeconds(1)));
            c.setAckListener((ticket, failure) -> reports.add(new java.util.AbstractMap.SimpleEntry<>(ticket, failure)));
            c.send("t", ONE, false, 1);
            assertTrue(c.flush(Duration.ofSeconds(1)));
            assertEquals(List.of(2L), reported());
            assertThrows(NullPointerException.class, () -> c.setAckListener(null));
        }
    }

    @Test
    void aPubackForAQos2MessageReachesTheListenerAndTheCallerAsTheSameMqttException() throws IOException {
        broker.silence(PUBLISH).also((conn, p) -> {
            if (p.type() == PUBLISH) {
                conn.send(10, WirePacket.ack(PUBACK, p.packetId()));
            }
        });
        try (SimpleClient c = client(1)) {
            c.connect();
            MqttException e = assertThrows(MqttException.class, () -> c.send("t", ONE, false, 2));
            assertEquals(MqttException.PROTOCOL_ERROR, e.code());
            assertEquals(List.of(1L), reported());
            assertSame(e, reports.get(0).getValue(), "the listener got what the call threw");
            assertEquals(0, c.inFlight(), "the broken exchange left the session: it is not re-sent");
            assertTrue(link.current().closedByClient());
        }
    }

    @Test
    void aWrongAcknowledgementReadByFlushFailsTheFlushAndTheTicket() throws IOException {
        broker.silence(PUBLISH).also((conn, p) -> {
            if (p.type() == PUBLISH) {
                conn.send(10, WirePacket.ack(p.qos() == 1 ? PUBREC : PUBACK, p.packetId()));
            }
        });
        try (SimpleClient c = client(5)) {
            c.connect();
            c.send("t", ONE, false, 1);
            c.send("t", ONE, false, 1);
            MqttException e = assertThrows(MqttException.class, () -> c.flush(Duration.ofSeconds(1)));
            assertEquals(List.of(1L), reported(), "the first broken exchange ends the link");
            assertSame(e, reports.get(0).getValue());
            assertEquals(1, c.inFlight(), "the second stays for connect(false)");
        }
    }

    @Test
    void aCleanConnectAfterACutDiscardsEachTicketWithAnIOException() throws IOException {
        broker.silence(PUBLISH).silence(PUBREL);
        try (SimpleClient c = client(10)) {
            c.connect();
            c.send("t", ONE, false, 1);
            c.send("t", ONE, false, 0);
            c.send("t", ONE, false, 2);
            c.send("t", ONE, false, 1);
            link.current().send(5, WirePacket.ack(PUBREC, 2));
            clock.advanceMillis(10);
            assertTrue(c.checkMsg(), "PUBREC read: PUBREL owed");
            cutAndNotice(c);
            assertEquals(3, c.inFlight());
            broker.delay(PUBLISH, 0);
            c.connect(true);
            assertEquals(List.of(1L, 3L, 4L), reported());
            for (Map.Entry<Long, Exception> r : reports) {
                IOException failure = assertInstanceOf(IOException.class, r.getValue(), "ticket " + r.getKey());
                assertTrue(failure.getMessage().contains("connect(true)"), failure.getMessage());
            }
            assertEquals(0, c.inFlight());
            assertEquals(List.of(), link.traffic().where(e -> e.link() == 2 && e.toServer() && e.type() == PUBLISH),
                    "nothing re-sent on a clean session");
        }
    }

    @Test
    void connectFalseReSendsTheWholeWindowInOrderAndTheListenerHearsTheAcksDuringConnect() throws IOException {
        broker.silence(PUBLISH).silence(PUBREL);
        try (SimpleClient c = client(6)) {
            c.connect();
            for (int qos : new int[] {1, 2, 1, 2, 2}) {
                c.send("t" + qos, ("m" + c.inFlight()).getBytes(StandardCharsets.US_ASCII), false, qos);
            }
            link.current().send(5, WirePacket.ack(PUBREC, 4));
            link.current().send(6, WirePacket.ack(PUBACK, 3));
            clock.advanceMillis(10);
            assertTrue(c.checkMsg());
            assertTrue(c.checkMsg());
            assertEquals(List.of(3L), reported());
            cutAndNotice(c);
            assertEquals(4, c.inFlight());
            broker.delay(PUBLISH, 20).delay(PUBREL, 20).sessionPresent(true);
            int before = link.traffic().all().size();
            assertTrue(c.connect(false), "session present");
            List<Traffic.Entry> resent = link.traffic().all().subList(before, link.traffic().all().size()).stream()
                    .filter(e -> e.toServer() && (e.type() == PUBLISH || e.type() == PUBREL)).toList();
            assertEquals(List.of("PUBLISH(q1 id=1 dup 't1' 2 B)", "PUBLISH(q2 id=2 dup 't2' 2 B)", "PUBREL(4)",
                    "PUBLISH(q2 id=5 dup 't2' 2 B)", "PUBREL(2)", "PUBREL(5)"),
                    resent.stream().map(e -> e.packet().toString()).toList(), link.traffic().toString());
            assertEquals(List.of(3L, 1L, 4L, 2L, 5L), reported(), "all acknowledged during connect");
            reports.forEach(r -> assertNull(r.getValue()));
            assertEquals(0, c.inFlight());
            assertEquals(List.of("m0", "m1", "m4"), resent.stream().filter(e -> e.type() == PUBLISH)
                    .map(e -> new String(e.packet().payload(), StandardCharsets.US_ASCII)).toList());
        }
    }

    @Test
    void aSessionTheBrokerLostCompletesThePubrecdQos2AndPublishesTheRestAfresh() throws IOException {
        broker.silence(PUBLISH).silence(PUBREL);
        try (SimpleClient c = client(6)) {
            c.connect();
            c.send("t", ONE, false, 2);
            c.send("t", ONE, false, 1);
            link.current().send(5, WirePacket.ack(PUBREC, 1));
            clock.advanceMillis(10);
            assertTrue(c.checkMsg());
            cutAndNotice(c);
            broker.delay(PUBLISH, 1).sessionPresent(false);
            int before = link.traffic().all().size();
            assertEquals(false, c.connect(false));
            assertEquals(List.of(1L, 2L), reported(), "the PUBREC'd one heard as it reached the broker");
            reports.forEach(r -> assertNull(r.getValue()));
            List<Traffic.Entry> resent = link.traffic().all().subList(before, link.traffic().all().size()).stream()
                    .filter(e -> e.toServer() && (e.type() == PUBLISH || e.type() == PUBREL)).toList();
            assertEquals(1, resent.size(), link.traffic().toString());
            assertEquals(PUBLISH, resent.get(0).type());
            assertEquals(false, resent.get(0).packet().dup(), "afresh: no DUP");
        }
    }

    @Test
    void qos1And2SendsCopyTheirArraysSoTheCallerMayReuseThemAtOnce() throws IOException {
        broker.silence(PUBLISH);
        byte[] topic = "orig/topic".getBytes(StandardCharsets.UTF_8);
        byte[] payload = "original payload".getBytes(StandardCharsets.UTF_8);
        try (SimpleClient c = client(10)) {
            c.connect();
            c.send(topic, payload, false, 1);
            c.send(topic, payload, true, 2);
            topic[0] = 'X';
            java.util.Arrays.fill(payload, (byte) '!');
            c.send(topic, payload, false, 1); // the mutated arrays as a message of their own
            java.util.Arrays.fill(payload, (byte) '?');
            cutAndNotice(c);
            broker.delay(PUBLISH, 1).sessionPresent(true);
            int before = link.traffic().all().size();
            c.connect(false);
            List<WirePacket> resent = link.traffic().all().subList(before, link.traffic().all().size()).stream()
                    .filter(e -> e.toServer() && e.type() == PUBLISH).map(Traffic.Entry::packet).toList();
            assertEquals(3, resent.size(), link.traffic().toString());
            assertEquals("orig/topic", resent.get(0).topic());
            assertArrayEquals("original payload".getBytes(StandardCharsets.UTF_8), resent.get(0).payload());
            assertEquals("orig/topic", resent.get(1).topic());
            assertArrayEquals("original payload".getBytes(StandardCharsets.UTF_8), resent.get(1).payload());
            assertTrue(resent.get(1).retain());
            assertEquals("Xrig/topic", resent.get(2).topic());
            assertArrayEquals("!!!!!!!!!!!!!!!!".getBytes(StandardCharsets.UTF_8), resent.get(2).payload());
            assertEquals(0, c.inFlight());
        }
    }

    @Test
    void aCutDuringTheWindowWaitKeepsTheMessageForConnectFalse() throws IOException {
        broker.silence(PUBLISH);
        try (SimpleClient c = client(2)) {
            c.connect();
            c.send("t", "a".getBytes(StandardCharsets.US_ASCII), false, 1);
            link.current().cutAfter(300);
            IOException e = assertThrows(IOException.class, () -> c.send("t", "b".getBytes(StandardCharsets.US_ASCII),
                    false, 1));
            assertEquals(300, clock.millis(), "the cut is noticed while waiting: " + e);
            assertEquals(2, c.inFlight());
            broker.delay(PUBLISH, 1).sessionPresent(true);
            c.connect(false);
            assertEquals(List.of(1L, 2L), reported());
            assertEquals(3, c.send("t", ONE, false, 1));
        }
    }

    /**
     * A session may hold more than the window (here: the callback ended a window wait by throwing,
     * then a cut interrupted the next send's wait for a slot, which left its message in the session
     * unsent). connect(false) must still never have more than the window unacknowledged at the
     * broker: Mosquitto answers a QoS 2 PUBLISH over its limit with a PUBREC and drops it.
     */
    @Test
    void aReconnectResendsNoMoreThanTheWindowAtOnce() throws IOException {
        broker.silence(PUBLISH);
        RuntimeException thrown = new IllegalStateException("the application's callback failed");
        try (SimpleClient c = client(2)) {
            c.connect();
            c.send("t", ONE, false, 2);
            c.setCallback(m -> {
                throw thrown;
            });
            link.current().send(10, WirePacket.publish("in", ONE, 0, false, false, 0));
            assertSame(thrown, assertThrows(IllegalStateException.class, () -> c.send("t", ONE, false, 2)));
            c.setCallback(m -> { });
            link.current().cutAfter(100);
            assertThrows(IOException.class, () -> c.send("t", ONE, false, 2), "the cut ends the wait for a slot");
            assertEquals(3, c.inFlight(), "the interrupted send's message stays in the session, unsent");
            assertEquals(2, link.traffic().toServer(PUBLISH).size());

            broker.delay(PUBLISH, 50).delay(PUBREL, 50).sessionPresent(true);
            link.traffic().clear();
            long reconnectedAt = clock.millis();
            c.connect(false);
            List<Traffic.Entry> publishes = link.traffic().toServer(PUBLISH);
            assertEquals(3, publishes.size(), link.traffic().toString());
            assertTrue(publishes.get(0).packet().dup() && publishes.get(1).packet().dup(), "re-sent: DUP");
            assertTrue(!publishes.get(2).packet().dup(), "never sent before: no DUP");
            assertEquals(reconnectedAt, publishes.get(1).millis(), "the window's two at once");
            assertEquals(reconnectedAt + 100, publishes.get(2).millis(),
                    "the third only once the first's PUBCOMP (PUBREC at +50, PUBCOMP at +100) freed a slot:"
                    + link.traffic());
            assertEquals(List.of(1L, 2L, 3L), reported(), "each ticket acknowledged once, in order");
        }
    }
}

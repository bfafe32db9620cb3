package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.virtual.WirePacket.PUBACK;
import static umqtt.tests.virtual.WirePacket.PUBCOMP;
import static umqtt.tests.virtual.WirePacket.PUBLISH;
import static umqtt.tests.virtual.WirePacket.PUBREC;
import static umqtt.tests.virtual.WirePacket.PUBREL;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import umqtt.api.Message;
import umqtt.simple.SimpleClient;
import umqtt.tests.virtual.ScriptedBroker;
import umqtt.tests.virtual.Traffic;
import umqtt.tests.virtual.VirtualClock;
import umqtt.tests.virtual.VirtualLink;
import umqtt.tests.virtual.WirePacket;

/**
 * The in-flight window of {@code SimpleClient.send} to the virtual millisecond: a send returns at
 * once while fewer than {@code maxInFlight} messages await acknowledgement after it, and a send that
 * fills the window reads until the oldest is answered (so with window w, w PUBLISHes are on the wire
 * when the first send waits, and window 1 waits for every ack like {@code publish}); every wait is
 * bounded by the response timeout of the oldest message; {@code flush} by its own timeout. The
 * broker's acknowledgements are withheld and scheduled by hand (packet ids of a fresh client run
 * 1, 2, 3, ...).
 */
class SendWindowTimingTest {

    private static final byte[] ONE = {1};

    private final VirtualClock clock = new VirtualClock();
    private final ScriptedBroker broker = new ScriptedBroker().silence(PUBLISH);
    private final VirtualLink link = new VirtualLink(clock, broker);
    private final List<Message> received = new ArrayList<>();
    private final List<String> acks = new ArrayList<>();

    /** A connected client (CONNACK at t=0), keepalive off, response timeout 10 s. */
    private SimpleClient connected(int window) throws IOException {
        SimpleClient c = link.client().keepAlive(Duration.ZERO).responseTimeout(Duration.ofSeconds(10))
                .maxInFlight(window).build();
        c.setCallback(received::add);
        c.setAckListener((ticket, failure) -> acks.add(ticket + (failure == null ? "" : ":" + failure)));
        c.connect();
        assertEquals(0, clock.millis(), "connected at t=0");
        return c;
    }

    private void at(long millis) {
        clock.advanceMillis(millis - clock.millis());
    }

    /** The server sends {@code type} for {@code id} so that it arrives at virtual {@code millis}. */
    private void answerAt(long millis, int type, int id) {
        link.current().send(millis - clock.millis(), WirePacket.ack(type, id));
    }

    private List<Long> times(List<Traffic.Entry> entries) {
        return entries.stream().map(Traffic.Entry::millis).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 20})
    void withWindowWTheWthSendWaitsWithWPublishesOutAndReturnsTheMomentTheFirstPubackIsRead(int w)
            throws IOException {
        try (SimpleClient c = connected(w)) {
            answerAt(700, PUBACK, 1);
            answerAt(900, PUBACK, 2);
            for (int i = 1; i < w; i++) {
                assertEquals(i, c.send("t", ONE, false, 1));
                assertEquals(0, clock.millis(), "send " + i + " of window " + w + " returned at once");
                assertEquals(i, c.inFlight());
            }
            assertEquals(w, c.send("t", ONE, false, 1), "the send that fills the window");
            assertEquals(700, clock.millis(), "it returned when PUBACK(1) was read:" + link.traffic());
            assertEquals(w, link.traffic().toServer(PUBLISH).size(), "w PUBLISHes went out before it waited");
            assertEquals(List.of("1"), acks);
            assertEquals(w - 1, c.inFlight());
            assertEquals(w + 1, c.send("t", ONE, false, 1), "the next send");
            assertEquals(900, clock.millis(), "it fills the window again and returns with PUBACK(2)");
            assertEquals(List.of("1", "2"), acks);
            assertEquals(w + 1, link.traffic().toServer(PUBLISH).size());
            List<Long> written = times(link.traffic().toServer(PUBLISH));
            assertEquals(0L, written.get(w - 1), "the w-th PUBLISH was written before the wait");
            assertEquals(700L, written.get(w), "the (w+1)-th when its send came");
        }
    }

    @Test
    void windowOneWaitsForEveryAcknowledgementAsPublishDoes() throws IOException {
        broker.delay(PUBLISH, 40).delay(PUBREL, 15);
        try (SimpleClient c = connected(1)) {
            assertEquals(1, c.send("t", ONE, false, 1));
            assertEquals(40, clock.millis());
            assertEquals(0, c.inFlight());
            assertEquals(2, c.send("t", ONE, false, 2));
            assertEquals(40 + 40 + 15, clock.millis(), "PUBREC, then PUBCOMP");
            assertEquals(List.of("1", "2"), acks);
            assertEquals(0, c.inFlight());
        }
    }

    @Test
    void qos0SendsNeverWaitForTheWindow() throws IOException {
        try (SimpleClient c = connected(2)) {
            answerAt(500, PUBACK, 1);
            c.send("t", ONE, false, 1);
            for (int i = 0; i < 10; i++) {
                c.send("t", ONE, false, 0);
            }
            assertEquals(0, clock.millis());
            assertEquals(1, c.inFlight(), "QoS 0 is never in flight");
            c.send("t", ONE, false, 1);
            assertEquals(500, clock.millis());
        }
    }

    @Test
    void aFullWindowThatGetsNoAcknowledgementFailsOneResponseTimeoutAfterTheOldestWasWritten() throws IOException {
        try (SimpleClient c = connected(3)) {
            at(1_000);
            c.send("t", ONE, false, 1);
            at(4_000);
            c.send("t", ONE, false, 1);
            at(6_000);
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> c.send("t", ONE, false, 1));
            assertEquals(11_000, clock.millis(), "PUBACK of the oldest, written at 1000 ms, overdue: " + e);
            assertTrue(e.getMessage().contains("PUBACK"), e.getMessage());
            assertTrue(link.current().closedByClient(), "the dead link is given up");
            assertEquals(3, c.inFlight(), "all three stay in the session, the one whose send threw too");
            assertEquals(List.of(), acks, "nothing ended");
            assertEquals(List.of(1_000L, 4_000L, 6_000L), times(link.traffic().toServer(PUBLISH)));
        }
    }

    @Test
    void aPacketReadDuringTheWindowWaitMovesItsDeadline() throws IOException {
        try (SimpleClient c = connected(2)) {
            c.send("t", ONE, false, 1);
            link.current().send(3_000, WirePacket.publish("in", ONE, 0, false, false, 0));
            assertThrows(SocketTimeoutException.class, () -> c.send("t", ONE, false, 1));
            assertEquals(13_000, clock.millis(), "last packet received at 3000 ms");
            assertEquals(1, received.size());
        }
    }

    @Test
    void aQos2WindowWaitAfterPubrecIsBoundedFromThePubrel() throws IOException {
        broker.silence(PUBREL);
        try (SimpleClient c = connected(1)) {
            answerAt(2_000, PUBREC, 1);
            assertThrows(SocketTimeoutException.class, () -> c.send("t", ONE, false, 2));
            assertEquals(List.of(2_000L), times(link.traffic().toServer(PUBREL)));
            assertEquals(12_000, clock.millis(), "PUBCOMP overdue 10 s after the PUBREL");
            assertEquals(1, c.inFlight());
        }
    }

    @Test
    void flushReturnsFalseExactlyAtItsTimeoutAndTrueTheMomentTheLastAckArrives() throws IOException {
        broker.silence(PUBREL);
        try (SimpleClient c = connected(10)) {
            assertTrue(c.flush(Duration.ofSeconds(1)), "nothing in flight");
            assertEquals(0, clock.millis(), "at once");
            for (int i = 0; i < 3; i++) {
                c.send("t", ONE, false, i == 2 ? 2 : 1);
            }
            assertFalse(c.flush(Duration.ofMillis(2_000)));
            assertEquals(2_000, clock.millis(), "acks withheld: false at the timeout");
            assertEquals(3, c.inFlight());
            answerAt(2_500, PUBACK, 1);
            answerAt(2_600, PUBACK, 2);
            answerAt(2_650, PUBREC, 3);
            answerAt(2_700, PUBCOMP, 3);
            assertTrue(c.flush(Duration.ofSeconds(5)));
            assertEquals(2_700, clock.millis(), "true as soon as the last ack was read");
            assertEquals(List.of("1", "2", "3"), acks);
            assertEquals(0, c.inFlight());
            assertEquals(List.of(2_650L), times(link.traffic().toServer(PUBREL)));
        }
    }

    @Test
    void aFlushLongerThanTheResponseTimeoutFailsWhenTheAckIsOverdue() throws IOException {
        try (SimpleClient c = connected(10)) {
            at(500);
            c.send("t", ONE, false, 1);
            assertThrows(SocketTimeoutException.class, () -> c.flush(Duration.ofMinutes(5)));
            assertEquals(10_500, clock.millis());
            assertEquals(1, c.inFlight(), "still in the session for connect(false)");
        }
    }

    @Test
    void acknowledgementsTakenByCheckMsgAndWaitMsgReachTheListener() throws IOException {
        try (SimpleClient c = connected(10)) {
            for (int i = 0; i < 4; i++) {
                c.send("t", ONE, false, 1);
            }
            answerAt(100, PUBACK, 1);
            answerAt(200, PUBACK, 2);
            c.waitMsg();
            assertEquals(100, clock.millis());
            assertEquals(List.of("1"), acks);
            c.waitMsg();
            assertEquals(List.of("1", "2"), acks);
            answerAt(300, PUBACK, 3);
            answerAt(300, PUBACK, 4);
            at(400);
            assertTrue(c.checkMsg());
            assertTrue(c.checkMsg());
            assertFalse(c.checkMsg());
            assertEquals(List.of("1", "2", "3", "4"), acks);
            assertEquals(0, c.inFlight());
        }
    }

    @Test
    void inboundMessagesArrivingDuringAFullWindowWaitAreDeliveredAndAcknowledged() throws IOException {
        try (SimpleClient c = connected(2)) {
            c.send("t", ONE, false, 1);
            link.current().send(50, WirePacket.publish("in/1", new byte[] {7}, 1, false, false, 9));
            link.current().send(60, WirePacket.publish("in/2", new byte[] {8}, 0, false, false, 0));
            link.current().send(70, WirePacket.publish("in/3", new byte[] {9}, 2, false, false, 10));
            answerAt(100, PUBACK, 1);
            c.send("t", ONE, false, 1);
            assertEquals(100, clock.millis());
            assertEquals(List.of("in/1", "in/2", "in/3"), received.stream().map(Message::topicString).toList());
            assertEquals(List.of(50L), times(link.traffic().toServer(PUBACK)), "the QoS 1 message acknowledged");
            assertEquals(List.of(70L), times(link.traffic().toServer(PUBREC)), "the QoS 2 message received");
            assertEquals(List.of("1"), acks);
        }
    }

    /**
     * The window bounds the wire and the session, also when the callback throws while a send waits
     * for a slot: that send ends with the callback's exception and its message stays in flight, so
     * the next send must wait for a slot before it writes, or every such throw puts one more
     * message on the wire and in memory.
     */
    @Test
    void aCallbackThatThrowsDuringTheWindowWaitNeverLetsTheWindowOverfill() throws IOException {
        RuntimeException thrown = new IllegalStateException("the application's callback failed");
        try (SimpleClient c = connected(2)) {
            c.setCallback(m -> {
                throw thrown;
            });
            for (int i = 1; i <= 4; i++) {
                link.current().send(10, WirePacket.publish("in", ONE, 0, false, false, 0));
                try {
                    c.send("t", ONE, false, 1);
                } catch (IllegalStateException e) {
                    assertEquals(thrown, e, "the callback's own exception");
                }
                int written = link.traffic().toServer(PUBLISH).size();
                assertTrue(written <= 2, "send " + i + ": " + written + " PUBLISHes unacknowledged on the wire with "
                        + "window 2:" + link.traffic());
                assertTrue(c.inFlight() <= 3, "send " + i + " left " + c.inFlight() + " messages in the session "
                        + "with window 2: memory must stay bounded by the window");
            }
        }
    }

    /** The same through a blocking publish whose wait the callback ended: its message holds the only slot. */
    @Test
    void aSendAfterAPublishTheCallbackInterruptedWaitsForTheSlotBeforeWriting() throws IOException {
        RuntimeException thrown = new IllegalStateException("the application's callback failed");
        try (SimpleClient c = connected(1)) {
            c.setCallback(m -> {
                throw thrown;
            });
            link.current().send(10, WirePacket.publish("in", ONE, 0, false, false, 0));
            answerAt(500, PUBACK, 1);
            answerAt(600, PUBACK, 2);
            assertEquals(thrown, assertThrows(IllegalStateException.class, () -> c.publish("t", ONE, false, 1)));
            assertEquals(1, c.inFlight(), "the interrupted publish stays in flight");
            c.send("t", ONE, false, 1);
            assertEquals(List.of(0L, 500L), times(link.traffic().toServer(PUBLISH)),
                    "window 1: the send's PUBLISH only once PUBACK(1) was read:" + link.traffic());
        }
    }
}

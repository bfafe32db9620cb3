package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.robust.BackoffStrategy;
import umqtt.robust.RobustClient;
import umqtt.robust.WhenFull;

/**
 * RobustClient.send's policy on a virtual clock with scripted delegates: a send during an outage
 * returns at once and never sleeps, a reconnect is tried only when the backoff is due, the offline
 * buffer goes out in order after what the delegate's session resumed, each full-buffer policy does
 * what it says, a failover and a discarded session send again, and the listener hears each ticket
 * once.
 */
class RobustSendTest {

    private static final long MS = 1_000_000;
    private static final Duration PAUSE = Duration.ofMillis(100);

    private final VirtualTimeSource clock = new VirtualTimeSource();
    private final List<String> journal = new ArrayList<>();
    /** What the listener heard: "ticket" or "ticket: failure message". */
    private final List<String> heard = new ArrayList<>();

    private static ConnectException down() {
        return new ConnectException("connection refused");
    }

    private static EOFException cut() {
        return new EOFException("the link was cut");
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private FakeClient fake(String name) {
        return new FakeClient(name, journal).clock(clock);
    }

    private RobustClient robust(RobustClient.Builder builder, FakeClient... delegates) {
        RobustClient c = builder.timeSource(clock).backoff(BackoffStrategy.fixed(PAUSE))
                .logger(new RecordingLogger()).wrap(delegates);
        c.setAckListener((t, failure) -> heard.add(failure == null ? "" + t : t + ": " + failure.getMessage()));
        return c;
    }

    /** The sends the journal shows, in order (a "complete" line is the session resuming one). */
    private List<String> sends() {
        return journal.stream().filter(l -> l.contains("send(")).toList();
    }

    /** Connected, sends m-1 fine and m-2 into a cut link: m-2 stays in a's session; the link is down. */
    private RobustClient brokenAfterTwo(RobustClient.Builder builder, FakeClient a, FakeClient... more)
            throws IOException {
        FakeClient[] all = new FakeClient[more.length + 1];
        all[0] = a;
        System.arraycopy(more, 0, all, 1, more.length);
        RobustClient c = robust(builder, all);
        c.connect(false);
        assertEquals(1, c.send("t", b("m-1"), false, 1));
        a.failOperations(cut());
        assertEquals(2, c.send("t", b("m-2"), false, 1), "a send whose link broke still returns its ticket");
        return c;
    }

    @Test
    void aSendDuringAnOutageReturnsAtOnceAndTriesToReconnectOnlyWhenTheBackoffIsDue() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = brokenAfterTwo(RobustClient.builder(), a);
        a.failConnectAlways(down());
        int connects = a.count("connect(false)");
        for (int i = 3; i <= 50; i++) {
            assertEquals(i, c.send("t", b("m-" + i), false, 1));
        }
        assertEquals(List.of(), clock.waitsNanos(), "a send never waits");
        assertEquals(connects, a.count("connect(false)"), "no reconnect before the backoff is due");
        clock.advance(PAUSE.minusNanos(1));
        c.send("t", b("m-51"), false, 1);
        assertEquals(connects, a.count("connect(false)"), "still not due");
        clock.advance(Duration.ofNanos(1));
        c.send("t", b("m-52"), false, 1);
        assertEquals(connects + 1, a.count("connect(false)"), "one attempt once due");
        c.send("t", b("m-53"), false, 1);
        assertEquals(connects + 1, a.count("connect(false)"), "the failed attempt scheduled the next one");
        assertEquals(List.of(), clock.waitsNanos(), "a send never waits");
        assertEquals(53, c.inFlight(), "two on the delegate, 51 buffered");
        assertEquals("RobustClient[reconnecting, server 1 of 1, 51 buffered]", c.toString());
        assertEquals(List.of(), heard);
    }

    @Test
    void afterTheReconnectTheSessionResumesFirstThenTheBufferInOrderThenTheNewMessage() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = brokenAfterTwo(RobustClient.builder(), a);
        c.send("t", b("m-3"), false, 1);
        c.send("t", b("m-4"), false, 0);
        c.send("t", b("m-5"), false, 2);
        clock.advance(PAUSE);
        assertEquals(6, c.send("t", b("m-6"), false, 1));
        assertEquals(List.of("a send(t:m-1,1)", "a send(t:m-2,1)", "a complete send(t:m-1,1)",
                "a complete send(t:m-2,1)", "a send(t:m-3,1)", "a send(t:m-4,0)", "a send(t:m-5,2)", "a send(t:m-6,1)"),
                sends(), "resumed by connect(false), not sent again; then the buffer, then the new one");
        assertEquals(List.of("1", "2"), heard, "the resumed ones acknowledged; QoS 0 never heard of");
        assertTrue(c.flush(Duration.ofSeconds(1)));
        assertEquals(List.of("1", "2", "3", "5", "6"), heard);
        assertEquals(0, c.inFlight());
    }

    @Test
    void waitMsgAndFlushWaitForTheBackoffThenDrainWhileCheckMsgReturnsAtOnce() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = brokenAfterTwo(RobustClient.builder(), a);
        c.send("t", b("m-3"), false, 1);
        clock.advance(Duration.ofMillis(30));
        assertFalse(c.checkMsg(), "nothing to read while the reconnect is not due");
        assertEquals(List.of(), clock.waitsNanos());
        c.waitMsg();
        assertEquals(List.of(70 * MS), clock.waitsNanos(), "waitMsg waited exactly for the rest of the backoff");
        assertEquals(List.of("a send(t:m-1,1)", "a send(t:m-2,1)", "a complete send(t:m-1,1)",
                "a complete send(t:m-2,1)", "a send(t:m-3,1)"), sends(), "the buffer went out before waitMsg read");
        assertTrue(journal.indexOf("a send(t:m-3,1)") < journal.lastIndexOf("a waitMsg"));
        assertTrue(c.flush(Duration.ofSeconds(1)));
        assertEquals(List.of("1", "2", "3"), heard);
    }

    @Test
    void flushWaitsThroughTheOutageWithinItsTimeout() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = brokenAfterTwo(RobustClient.builder(), a);
        a.failConnect(down(), down());
        assertFalse(c.flush(Duration.ofMillis(150)), "two attempts in 150 ms, both failed");
        assertEquals(2, c.inFlight());
        assertTrue(c.flush(Duration.ofSeconds(1)));
        assertEquals(List.of("1", "2"), heard);
        assertTrue(clock.elapsedNanos() >= 3 * PAUSE.toNanos(), "three pauses of the backoff were waited");
    }

    @Test
    void failThrowsAndTakesNothingWhenTheBufferIsFull() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = brokenAfterTwo(RobustClient.builder().maxBufferedMessages(3).whenFull(WhenFull.FAIL), a);
        for (int i = 3; i <= 5; i++) {
            c.send("t", b("m-" + i), false, 1);
        }
        IOException full = assertThrows(IOException.class, () -> c.send("t", b("m-x"), false, 1));
        assertTrue(full.getMessage().contains("offline buffer is full (3 messages")
                && full.getMessage().contains("server 1 of 1") && full.getMessage().contains("not taken (no ticket)"),
                full.getMessage());
        assertEquals(5, c.inFlight());
        clock.advance(PAUSE);
        assertEquals(6, c.send("t", b("m-6"), false, 1), "the refused message took no ticket");
        assertFalse(sends().contains("a send(t:m-x,1)"));
    }

    @Test
    void aMessageLargerThanTheWholeBufferIsRefusedUnlessBlocking() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = brokenAfterTwo(RobustClient.builder().maxBufferedBytes(10).whenFull(WhenFull.DROP_OLDEST), a);
        IOException large = assertThrows(IOException.class, () -> c.send("t", new byte[10], false, 1));
        assertTrue(large.getMessage().contains("larger than the whole offline buffer (10 bytes)"), large.getMessage());
        assertEquals(3, c.send("t", new byte[9], false, 1), "topic and payload fit: 10 bytes");
    }

    @Test
    void dropOldestDropsTheOldestBufferedAndTellsTheListener() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = brokenAfterTwo(RobustClient.builder().maxBufferedMessages(3).whenFull(WhenFull.DROP_OLDEST),
                a);
        for (int i = 3; i <= 5; i++) {
            c.send("t", b("m-" + i), false, i == 3 ? 0 : 1);
        }
        assertEquals(6, c.send("t", b("m-6"), false, 1));
        assertEquals(1, heard.size());
        assertTrue(heard.get(0).startsWith("3: message 3 was dropped from the full offline buffer"), heard.get(0));
        assertEquals(5, c.inFlight());
        clock.advance(PAUSE);
        assertTrue(c.flush(Duration.ofSeconds(1)));
        assertFalse(sends().contains("a send(t:m-3,0)"), "dropped, never sent");
        assertEquals(List.of("a send(t:m-4,1)", "a send(t:m-5,1)", "a send(t:m-6,1)"),
                sends().subList(sends().size() - 3, sends().size()));
    }

    @Test
    void blockWaitsTheBackoffAndReconnectsUntilThereIsRoom() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = brokenAfterTwo(RobustClient.builder().maxBufferedMessages(2), a);
        c.send("t", b("m-3"), false, 1);
        c.send("t", b("m-4"), false, 1);
        a.failConnect(down());
        assertEquals(5, c.send("t", b("m-5"), false, 1));
        assertEquals(List.of(PAUSE.toNanos(), PAUSE.toNanos()), clock.waitsNanos(),
                "waited for the due attempt, failed, waited again");
        assertEquals(List.of("a send(t:m-3,1)", "a send(t:m-4,1)", "a send(t:m-5,1)"),
                sends().subList(sends().size() - 3, sends().size()));
    }

    @Test
    void blockGivesUpWithinThePolicyAndTakesNothing() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = brokenAfterTwo(RobustClient.builder().maxBufferedMessages(1).maxAttempts(3), a);
        c.send("t", b("m-3"), false, 1);
        ConnectException refused = down();
        a.failConnectAlways(refused);
        assertSame(refused, assertThrows(IOException.class, () -> c.send("t", b("m-x"), false, 1)));
        assertEquals(3, a.count("connect(false)") - 1, "three attempts, the policy's maximum");
        a.failConnectAlways(null);
        clock.advance(PAUSE);
        assertEquals(4, c.send("t", b("m-4"), false, 1), "the refused message took no ticket");
    }

    @Test
    void afterAFailoverEveryUnacknowledgedMessageIsSentToTheNewServerAndHeardOfOnce() throws IOException {
        FakeClient a = fake("a");
        FakeClient b = fake("b");
        RobustClient c = brokenAfterTwo(RobustClient.builder(), a, b);
        c.send("t", b("m-3"), false, 1);
        a.failConnect(down());
        clock.advance(PAUSE);
        c.send("t", b("m-4"), false, 1); // a refuses: fails over to b, due after the pause
        clock.advance(PAUSE);
        c.send("t", b("m-5"), false, 1);
        assertEquals(List.of("b send(t:m-1,1)", "b send(t:m-2,1)", "b send(t:m-3,1)", "b send(t:m-4,1)",
                "b send(t:m-5,1)"), sends().stream().filter(l -> l.startsWith("b")).toList(),
                "everything a did not acknowledge, in order, then the new one");
        assertTrue(c.flush(Duration.ofSeconds(1)));
        assertEquals(List.of("1", "2", "3", "4", "5"), heard);
        // Back to a, whose session completes m-1 and m-2 late: nothing is heard twice, nothing sent again.
        b.failOperations(cut());
        c.send("t", b("m-6"), false, 1);
        b.failConnect(down());
        clock.advance(PAUSE);
        c.send("t", b("m-7"), false, 1);
        clock.advance(PAUSE);
        c.send("t", b("m-8"), false, 1);
        assertTrue(c.flush(Duration.ofSeconds(1)));
        assertEquals(List.of("a send(t:m-1,1)", "a send(t:m-2,1)", "a complete send(t:m-1,1)",
                "a complete send(t:m-2,1)", "a send(t:m-6,1)",
                "a send(t:m-7,1)", "a send(t:m-8,1)"), sends().stream().filter(l -> l.startsWith("a")).toList());
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), heard);
    }

    @Test
    void aMessageACleanConnectDiscardedIsSentAgainAheadOfTheBuffer() throws IOException {
        FakeClient a = fake("a").withoutClientId();
        RobustClient c = robust(RobustClient.builder(), a);
        c.connect(true);
        c.send("t", b("m-1"), false, 1);
        a.failOperations(cut());
        c.send("t", b("m-2"), false, 1);
        c.send("t", b("m-3"), false, 1);
        clock.advance(PAUSE);
        c.send("t", b("m-4"), false, 1);
        assertEquals(List.of("a send(t:m-1,1)", "a send(t:m-2,1)", "a send(t:m-1,1)", "a send(t:m-2,1)",
                "a send(t:m-3,1)", "a send(t:m-4,1)"), sends(), "discarded by connect(true): sent again, in order");
        assertTrue(c.flush(Duration.ofSeconds(1)));
        assertEquals(List.of("1", "2", "3", "4"), heard, "the discards are not the end: each heard once, acknowledged");
    }

    @Test
    void aBrokenExchangeIsFinalAndHeardOnce() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = robust(RobustClient.builder(), a);
        c.connect(false);
        c.send("t", b("m-1"), false, 2);
        c.send("t", b("m-2"), false, 2);
        a.breakOldest(new MqttException(MqttException.PROTOCOL_ERROR, "PUBACK for a QoS 2 message"));
        assertTrue(c.flush(Duration.ofSeconds(1)));
        assertEquals(List.of("1: PUBACK for a QoS 2 message", "2"), heard);
        assertEquals(2, sends().size(), "not sent again");
    }

    @Test
    void anExplicitCleanConnectDiscardsEverythingAndSaysSo() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = brokenAfterTwo(RobustClient.builder(), a);
        c.send("t", b("m-3"), false, 1);
        c.disconnect();
        assertEquals(3, c.inFlight(), "disconnect keeps them");
        c.connect(true);
        assertEquals(0, c.inFlight());
        assertEquals(3, heard.size());
        assertTrue(heard.stream().allMatch(h -> h.contains("connect(true) started a clean session")), heard.toString());
        assertEquals(2, sends().size(), "nothing sent again");
    }

    @Test
    void aBadTopicIsRefusedBeforeTheBufferTakesIt() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = brokenAfterTwo(RobustClient.builder(), a);
        assertThrows(IllegalArgumentException.class, () -> c.send("a/#", b("x"), false, 1));
        assertThrows(IllegalArgumentException.class, () -> c.send("", b("x"), false, 1));
        assertThrows(IllegalArgumentException.class, () -> c.send("t", b("x"), false, 3));
        assertEquals(3, c.send("t", b("m-3"), false, 1), "no ticket taken by the refused ones");
    }

    @Test
    void aQos0MessageWrittenIntoABrokenLinkIsBufferedAndSentAfterTheReconnect() throws IOException {
        FakeClient a = fake("a");
        RobustClient c = robust(RobustClient.builder(), a);
        c.connect(false);
        a.failOperations(cut());
        assertEquals(1, c.send("t", b("m-1"), false, 0));
        assertEquals(1, c.inFlight(), "buffered (best effort)");
        clock.advance(PAUSE);
        assertEquals(2, c.send("t", b("m-2"), false, 0));
        assertEquals(List.of("a send(t:m-1,0)", "a send(t:m-1,0)", "a send(t:m-2,0)"), sends());
        assertEquals(0, c.inFlight());
        assertEquals(List.of(), heard, "QoS 0 tickets are heard of only when dropped");
    }

    @Test
    void aDelegateThatDoesNotPipelineIsNamed() throws IOException {
        FakeClient a = fake("a").withoutPipelining();
        RobustClient c = robust(RobustClient.builder(), a);
        c.connect(false);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> c.send("t", b("x"), false, 1));
        assertTrue(e.getMessage().contains("server 1 does not pipeline"), e.getMessage());
        c.publish("t", b("y"), false, 1);
        assertEquals(List.of("a publish(t,1)"), journal.stream().filter(l -> l.contains("publish")).toList());
    }
}

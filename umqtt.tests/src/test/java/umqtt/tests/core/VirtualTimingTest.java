package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.virtual.WirePacket.PINGREQ;
import static umqtt.tests.virtual.WirePacket.PUBLISH;
import static umqtt.tests.virtual.WirePacket.PUBREL;
import static umqtt.tests.virtual.WirePacket.SUBSCRIBE;
import static umqtt.tests.virtual.WirePacket.UNSUBSCRIBE;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import umqtt.api.Message;
import umqtt.simple.SimpleClient;
import umqtt.tests.virtual.ScriptedBroker;
import umqtt.tests.virtual.Traffic;
import umqtt.tests.virtual.VirtualClock;
import umqtt.tests.virtual.VirtualLink;
import umqtt.tests.virtual.WirePacket;

/**
 * The timing model, to the virtual millisecond: PINGREQ when the link has been quiet (nothing sent
 * or nothing received) for 3/4 of the keepalive k; a PINGRESP awaited k/2 from its PINGREQ, and any
 * packet received proves the link alive; an acknowledgement awaited until max(request written,
 * last packet received) + response timeout. No sockets, no sleeping: a {@link VirtualLink} on a
 * {@link VirtualClock}. Includes the regressions for REVIEW defects 1 (response deadline measured
 * from the last packet received) and 2 (an unread PINGRESP taken for a missing one).
 */
class VirtualTimingTest {

    private final VirtualClock clock = new VirtualClock();
    private final ScriptedBroker broker = new ScriptedBroker();
    private final VirtualLink link = new VirtualLink(clock, broker);
    private final List<Message> received = new ArrayList<>();

    /** A connected client (CONNACK at t=0) with keepalive {@code k} seconds and the response timeout. */
    private SimpleClient connected(int k, Duration responseTimeout) throws IOException {
        SimpleClient c = link.client().keepAlive(Duration.ofSeconds(k)).responseTimeout(responseTimeout).build();
        c.setCallback(received::add);
        c.connect();
        assertEquals(0, clock.millis(), "connected at t=0");
        return c;
    }

    private void at(long millis) {
        clock.advanceMillis(millis - clock.millis());
    }

    private List<Long> times(List<Traffic.Entry> entries) {
        return entries.stream().map(Traffic.Entry::millis).toList();
    }

    // ------------------------------------------------------------------ keepalive

    @Test
    void anIdleWaitMsgPingsEveryThreeQuartersOfTheKeepalive() throws IOException {
        broker.delay(PINGREQ, 10);
        try (SimpleClient c = connected(4, Duration.ofSeconds(30))) {
            link.current().send(20_000, WirePacket.publish("t", new byte[] {1}, 0, false, false, 0));
            while (received.isEmpty()) {
                c.waitMsg();
            }
            assertEquals(20_000, clock.millis());
            assertEquals(List.of(3_000L, 6_000L, 9_000L, 12_000L, 15_000L, 18_000L),
                    times(link.traffic().toServer(PINGREQ)), link.traffic().toString());
        }
    }

    @Test
    void aMissingPingrespFailsWaitMsgHalfAKeepaliveAfterThePingreq() throws IOException {
        broker.silence(PINGREQ);
        try (SimpleClient c = connected(4, Duration.ofSeconds(30))) {
            IOException e = assertThrows(IOException.class, () -> {
                while (true) {
                    c.waitMsg();
                }
            });
            assertEquals(5_000, clock.millis(), "PINGREQ at 3000 ms + k/2: " + e);
            assertEquals(List.of(3_000L), times(link.traffic().toServer(PINGREQ)));
            assertTrue(link.current().closedByClient(), "the dead link is closed");
        }
    }

    @Test
    void aClientThatOnlySendsFindsADeadLinkOneAndAQuarterKeepalivesAfterItLastHeardFromIt() throws IOException {
        broker.silence(PINGREQ);
        try (SimpleClient c = connected(4, Duration.ofSeconds(30))) {
            for (long t : new long[] {1_000, 2_000, 2_900}) {
                at(t);
                c.publish("t", new byte[] {1}, false, 0);
            }
            assertThrows(IOException.class, c::waitMsg);
            assertEquals(List.of(3_000L), times(link.traffic().toServer(PINGREQ)), link.traffic().toString());
            assertEquals(5_000, clock.millis(), "nothing received since t=0: dead at 1.25 k");
        }
    }

    @Test
    void anyPacketReceivedAfterAPingreqProvesTheLinkAlive() throws IOException {
        broker.silence(PINGREQ);
        try (SimpleClient c = connected(4, Duration.ofSeconds(30))) {
            link.current().send(4_000, WirePacket.publish("t", new byte[] {1}, 0, false, false, 0));
            while (received.isEmpty()) {
                c.waitMsg();
            }
            assertEquals(4_000, clock.millis());
            IOException e = assertThrows(IOException.class, () -> {
                while (true) {
                    c.waitMsg();
                }
            });
            assertEquals(List.of(3_000L, 6_000L), times(link.traffic().toServer(PINGREQ)), link.traffic().toString());
            assertEquals(8_000, clock.millis(), "the PINGREQ of 6000 ms unanswered k/2 later: " + e);
        }
    }

    /** Defect 2: the PINGRESP to ping() is still unread when the next call comes 3 s later. */
    @Test
    void aPingrespStillUnreadWhenTheNextCallComesIsConsumedNotTakenForAMissingOne() throws IOException {
        broker.delay(PINGREQ, 5);
        try (SimpleClient c = connected(2, Duration.ofSeconds(30))) {
            for (int i = 1; i <= 10; i++) {
                at(i * 3_100L - 3_000);
                c.ping();
                at(i * 3_100L);
                c.publish("t", new byte[] {(byte) i}, false, 1);
                assertEquals(i * 3_100L, clock.millis(), "PUBACK at once, nothing else awaited");
            }
            assertEquals(10, link.traffic().toClient(WirePacket.PUBACK).size());
            assertEquals(1, link.opened(), "one link all along");
        }
    }

    /** Defect 2 in a checkMsg poll loop: polls 1.2 s apart with a 2 s keepalive. */
    @Test
    void aPollLoopThatPingsNeverTakesALatePingrespForAMissingOne() throws IOException {
        broker.delay(PINGREQ, 5);
        try (SimpleClient c = connected(2, Duration.ofSeconds(30))) {
            for (int i = 1; i <= 50; i++) {
                at(Math.max(clock.millis(), i * 1_200L));
                c.checkMsg();
            }
            List<Long> pings = times(link.traffic().toServer(PINGREQ));
            assertTrue(pings.size() >= 15, "pinged as due: " + pings);
            long last = 0;
            for (Traffic.Entry e : link.traffic().toServer()) {
                assertTrue(e.millis() - last <= 3_000, "the client was silent longer than 1.5 k: " + link.traffic());
                last = e.millis();
            }
            assertEquals(1, link.opened(), "one link all along");
        }
    }

    // ------------------------------------------------------------------ acknowledgement deadlines

    /** The four acknowledged requests, each in the way the test needs it. */
    enum Request {
        PUBLISH_QOS1(PUBLISH, 1), PUBLISH_QOS2(PUBLISH, 2), SUBSCRIBE_QOS1(SUBSCRIBE, 1), UNSUBSCRIBE_ONE(UNSUBSCRIBE, 1);

        final int type;
        /** How many round trips it takes: QoS 2 needs PUBREC and PUBCOMP. */
        final int roundTrips;

        Request(int type, int qos) {
            this.type = type;
            this.roundTrips = type == PUBLISH && qos == 2 ? 2 : 1;
        }

        void run(SimpleClient c) throws IOException {
            switch (this) {
                case PUBLISH_QOS1 -> c.publish("t", new byte[] {1}, false, 1);
                case PUBLISH_QOS2 -> c.publish("t", new byte[] {2}, false, 2);
                case SUBSCRIBE_QOS1 -> c.subscribe("s/#", 1);
                case UNSUBSCRIBE_ONE -> c.unsubscribe("s/#");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Request.class)
    void anUnansweredRequestFailsExactlyOneResponseTimeoutAfterItWasWritten(Request r) throws IOException {
        broker.silence(r.type);
        try (SimpleClient c = connected(0, Duration.ofSeconds(10))) {
            at(1_000);
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> r.run(c));
            assertEquals(11_000, clock.millis(), "written at 1000 ms, nothing received since: " + e);
            assertTrue(link.current().closedByClient(), "the link is given up");
        }
    }

    @Test
    void aPacketReceivedDuringTheWaitMovesTheDeadline() throws IOException {
        broker.silence(PUBLISH);
        try (SimpleClient c = connected(0, Duration.ofSeconds(10))) {
            at(1_000);
            link.current().send(3_000, WirePacket.publish("in", new byte[] {1}, 0, false, false, 0));
            assertThrows(SocketTimeoutException.class, () -> c.publish("t", new byte[] {1}, false, 1));
            assertEquals(1, received.size());
            assertEquals(14_000, clock.millis(), "last packet received at 4000 ms");
        }
    }

    /** Answered pings prove the link alive, not that the answer is coming: they do not move the deadline. */
    @Test
    void aServerThatAnswersPingsButNeverTheRequestStillTimesOut() throws IOException {
        broker.silence(PUBLISH);
        try (SimpleClient c = connected(4, Duration.ofSeconds(10))) {
            at(1_000);
            assertThrows(SocketTimeoutException.class, () -> c.publish("t", new byte[] {1}, false, 1));
            assertEquals(11_000, clock.millis(), "written at 1000 ms");
            assertEquals(List.of(3_000L, 6_000L, 9_000L), times(link.traffic().toServer(PINGREQ)),
                    link.traffic().toString());
        }
    }

    @Test
    void aMissingPubcompFailsOneResponseTimeoutAfterThePubrel() throws IOException {
        broker.delay(PUBLISH, 500).silence(PUBREL);
        try (SimpleClient c = connected(0, Duration.ofSeconds(10))) {
            at(1_000);
            assertThrows(SocketTimeoutException.class, () -> c.publish("t", new byte[] {1}, false, 2));
            assertEquals(List.of(1_500L), times(link.traffic().toServer(PUBREL)));
            assertEquals(11_500, clock.millis());
        }
    }

    /**
     * The resumed exchanges of connect(false) wait like any acknowledgement: from their own
     * request, not within the connect timeout (which covers opening the link and CONNACK).
     */
    @Test
    void connectFalseCompletesAResumedQos2ExchangeWhoseAnswersEachTakeTwelveSeconds() throws IOException {
        broker.silence(PUBLISH);
        try (SimpleClient c = connected(0, Duration.ofSeconds(30))) {
            assertThrows(SocketTimeoutException.class, () -> c.publish("t", new byte[] {1}, false, 2));
            assertEquals(30_000, clock.millis());
            for (int type : new int[] {WirePacket.CONNECT, PUBLISH, PUBREL}) {
                broker.delay(type, 12_000);
            }
            broker.sessionPresent(true);
            assertTrue(c.connect(false), "session present");
            assertEquals(30_000 + 3 * 12_000, clock.millis(), "CONNACK, PUBREC and PUBCOMP 12 s apart:"
                    + link.traffic());
            assertEquals(List.of(54_000L), times(link.traffic().toServer(PUBREL)));
        }
    }

    /** Defect 1: after 31 s of silence (response timeout 30 s) a request answered in 100 ms succeeds. */
    @ParameterizedTest
    @EnumSource(Request.class)
    void aRequestAfterALongIdleSucceedsWhenAnswered(Request r) throws IOException {
        for (int k : new int[] {0, 60}) {
            for (long idle : k == 0 ? new long[] {31_000} : new long[] {31_000, 50_000}) {
                requestAfterIdle(r, k, idle);
            }
        }
    }

    private void requestAfterIdle(Request r, int k, long idle) throws IOException {
        for (int type : new int[] {PUBLISH, PUBREL, SUBSCRIBE, UNSUBSCRIBE, PINGREQ}) {
            broker.delay(type, 100);
        }
        VirtualClock clock = new VirtualClock();
        VirtualLink link = new VirtualLink(clock, broker);
        try (SimpleClient c = link.client().keepAlive(Duration.ofSeconds(k)).build()) {
            c.setCallback(received::add);
            c.connect();
            clock.advanceMillis(idle);
            r.run(c);
            String where = r + " after " + idle + " ms idle, keepalive " + k + " s:" + link.traffic();
            assertEquals(idle + 100L * r.roundTrips, clock.millis(), where);
            assertEquals(1, link.opened(), where);
            assertFalse(link.current().closedByClient(), where);
        }
    }
}

package umqtt.simple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Packet ids never reused while in flight (umqtt defect 3). Session is package-private, so this
 * test lives in the package (the tests run on the class path, where that is allowed).
 */
class SessionTest {

    private static final byte[] T = {'t'};

    @Test
    void anIdStillInFlightIsSkippedWhenTheCounterWraps() {
        Session s = new Session();
        Session.Outbound stuck = s.add(0, T, T, 1, false);
        assertEquals(1, stuck.packetId);
        int control = s.takeControlId();
        assertEquals(2, control);
        for (int id = 3; id <= 65_535; id++) {
            s.complete(s.add(0, T, T, 1, false));
        }
        assertEquals(3, s.add(0, T, T, 2, false).packetId, "1 and 2 are still in flight");
        s.releaseControlId(control);
        s.complete(stuck);
        assertEquals(4, s.add(0, T, T, 1, false).packetId);
    }

    @Test
    void runningOutOfIdsIsAClearError() {
        Session s = new Session();
        for (int i = 0; i < 65_535; i++) {
            s.add(0, T, T, 1, false);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.add(0, T, T, 1, false));
        assertTrue(e.getMessage().contains("65535 packet ids are in flight"), e.getMessage());
    }

    @Test
    void aBrokerThatForgotTheSessionKeepsOnlyWhatItNeverAcknowledged() {
        Session s = new Session();
        Session.Outbound unacked = s.add(0, T, T, 2, false);
        Session.Outbound received = s.add(0, T, T, 2, false);
        received.released = true; // PUBREC arrived: the broker has the message
        s.addInbound(7);
        s.brokerForgot();
        assertEquals(java.util.List.of(unacked), s.outbound());
        assertTrue(!s.hasInbound(7));
    }
}

package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import umqtt.robust.BackoffStrategy;
import umqtt.robust.RobustClient;

/**
 * When a broken link counts as having worked, which ends the row of failures the backoff grows
 * with: on a virtual clock, with links that live exactly as long as the test says.
 */
class LinkStabilityTest {

    private static final long MS = 1_000_000;

    private static SocketException kicked() {
        return new SocketException("connection reset");
    }

    /** A client whose backoff records the failures in a row it is asked with, and pauses 1 ms. */
    private static RobustClient recording(VirtualTimeSource clock, List<Integer> asked, FakeClient a) {
        BackoffStrategy record = attempt -> {
            asked.add(attempt);
            return Duration.ofMillis(1);
        };
        return RobustClient.builder().timeSource(clock).backoff(record).logger(new RecordingLogger()).wrap(a);
    }

    @Test
    void aLinkThatStayedUpLongEnoughIsReconnectedAtOnceThenTheBackoffGrows() throws IOException {
        VirtualTimeSource clock = new VirtualTimeSource();
        List<Integer> asked = new ArrayList<>();
        FakeClient a = new FakeClient("a").clock(clock);
        RobustClient c = recording(clock, asked, a);
        c.connect(false);
        clock.advance(Duration.ofMillis(RobustClient.STABLE_MILLIS));
        a.failOperations(kicked()).failConnect(new ConnectException("down"), new ConnectException("down"));
        c.ping();
        assertEquals(List.of(1, 2), asked, "no pause before the first reconnect of a link that proved itself");
        assertEquals(List.of(1 * MS, 1 * MS), clock.waitsNanos());
    }

    @Test
    void linksDroppedSoonAfterConnectingBackOffFurtherThoughOperationsCompleteOnThem() throws IOException {
        // Two clients with one client id: each link completes publishes, then is dropped 5 ms after
        // its connect, when the other client reconnects. The old rule ("an operation completed")
        // reconnected each of them at once, forever.
        VirtualTimeSource clock = new VirtualTimeSource();
        List<Integer> asked = new ArrayList<>();
        FakeClient a = new FakeClient("a").clock(clock).operationsTake(Duration.ofMillis(1));
        RobustClient c = recording(clock, asked, a);
        c.connect(false);
        for (int link = 0; link < 6; link++) {
            a.failOperations(null, null, null, null, kicked());
            for (int i = 0; i < 5; i++) {
                c.publish("t", new byte[] {1}, false, 0);
            }
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6), asked, "the row of failures must grow");
    }

    @Test
    void aLinkMustStayUpTenTimesAsLongAsItsConnectTook() throws IOException {
        // A slow network: connecting takes 50 ms, so a link proves itself after 500 ms, not 100 ms.
        VirtualTimeSource clock = new VirtualTimeSource();
        List<Integer> asked = new ArrayList<>();
        FakeClient a = new FakeClient("a").clock(clock).connectsTake(Duration.ofMillis(50));
        RobustClient c = recording(clock, asked, a);
        c.connect(false);
        clock.advance(Duration.ofMillis(499));
        a.failOperations(kicked());
        c.ping();
        assertEquals(List.of(1), asked, "499 ms is not ten connects");
        clock.advance(Duration.ofMillis(500));
        a.failOperations(kicked());
        c.ping();
        assertEquals(List.of(1), asked, "500 ms is: reconnected at once, the row ends");
        clock.advance(Duration.ofMillis(20));
        a.failOperations(kicked());
        c.ping();
        assertEquals(List.of(1, 1), asked, "a new row starts at 1");
    }

    @Test
    void aConnectAttemptThatFailsNeverEndsTheRow() throws IOException {
        VirtualTimeSource clock = new VirtualTimeSource();
        List<Integer> asked = new ArrayList<>();
        FakeClient a = new FakeClient("a").clock(clock).connectsTake(Duration.ofSeconds(1))
                .failConnect(new ConnectException("down"), new ConnectException("down"));
        RobustClient c = recording(clock, asked, a);
        c.connect(false);
        assertEquals(List.of(1, 2), asked);
    }
}
